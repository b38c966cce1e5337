import {
  DEFAULT_SCALE,
  readProbabilityWords,
  UnknownProbabilityPhraseError,
  type ScaleId,
  type VerbalReading,
} from '../probability/probability-scales.js';
import { clauseEnd, clauseStart, skipOpeners, tokensIn, SUBJECT_LIKE } from './clauses.js';
import { FAMILY_RANK, LEXICON, type ExpressionFamily, type LexiconEntry } from './estimative-lexicon.js';
import { actorsAndRegions, findEntities } from './gazetteer.js';
import { findHorizons, horizonOf } from './horizon.js';
import { sentenceGroups, type Sentence, type Token } from './sentences.js';
import { EXTRACTION_MODEL as MODEL } from './extraction-model.js';
import {
  candidateFeatures,
  lexicalContext,
  probabilityOf,
  type CandidateInfo,
  type CandidateSource,
  type ExtractionModel,
} from './learned-scorer.js';
import { codePointOffsets, sameClaim, type Span } from './text-spans.js';

/** Bumped whenever the rules change what is proposed; stored with each extraction run. */
export const EXTRACTOR_VERSION = 'rules-2026.12-16';

export type CandidateKind = 'forecast' | 'conditional_forecast' | 'observation' | 'recommendation' | 'question';

export interface CandidateSplit {
  /** The conjunct this statement keeps ("military cooperation"). */
  part: string;
  statement: string;
}

/** A proposed forecast. Offsets are code points into the text, [start, end). */
export interface ForecastCandidateProposal {
  ordinal: number;
  kind: CandidateKind;
  sentence: Span;
  clause: Span;
  quote: string;
  statement: string;
  expression: (Span & { text: string }) | null;
  words: string | null;
  reading: Omit<VerbalReading, 'words'> | null;
  negated: boolean;
  statedProbability: number | null;
  horizon: (Span & { phrase: string; deadline: string | null; basis: string }) | null;
  condition: string | null;
  actors: string[];
  regions: string[];
  splits: CandidateSplit[];
  confidence: number;
}

export interface ExtractionOptions {
  /** The document's date (YYYY-MM-DD): horizons are counted from it. Without one, no deadline is suggested. */
  publishedOn?: string | null;
  scale?: ScaleId;
}

interface Expression extends Span {
  entry: LexiconEntry;
  text: string;
  words: string;
  family: ExpressionFamily;
  negated: boolean;
  past: boolean;
  /** An estimate in the clause's subject ("the most likely outcome … would be"): its clause runs on to the subject's verb. */
  nounEstimate: boolean;
  /** The rule that turned the match down (candidate generation for the learned scorer only). */
  rejectedBy?: string;
}

const TREND_VERBS =
  /^(?:mean|imply|ease|fall|rise|increase|decline|decrease|grow|remain|recover|pick|improve|slow|continue|stabili[sz]e|moderate|peak|return|reach|settle|be|become|come|follow|lead|help|weigh|drop|expand|contract|accelerate|strengthen|weaken|last|resume|occur|happen|emerge|materiali[sz]e|fade|subside|bottom|persist|widen|narrow|shrink|soften|climb|dip|edge|average|exceed|hover|rebound|stay)$/;
const REPORTED =
  /\b(?:announced|said|declared|stated|promised|pledged|warned|claimed|agreed|decided|insisted|thought|believed|hoped|feared|assumed|predicted|vowed|threatened|knew|intended|planned|wanted|expected)\b(?:\s+that)?/i;
// "once" as "formerly" ("challenges once regarded as …") is no condition.
// "for as long as he can" is a duration (round 8); "in the absence of further shocks" and "barring" are conditions.
const CONDITION =
  /\b(?:if|unless|provided(?: that)?|(?<!\bfor\s)as long as|in case|in the event|in the absence of|with\s+(?:this|that|these|such\s+an?)\s+(?:(?:policy\s+)?(?:rate\s+)?paths?|assumptions?|trajector(?:y|ies))\s+(?:for|of)|barring|(?:absent|failing)\s+(?=(?:a|an|the|any|further|new|major|significant|some)\b)|once(?!\s+(?:again|more|upon|regarded|thought|considered|seen|known|called|described|hailed|viewed|deemed)\b)|when|whenever|even if|only if)\b|^should\b/i;
const NOUN_WILL_BEFORE =
  /\b(?:the|a|political|free|good|ill|popular|people['’]s|his|her|their|its|our|my|own|strong|lack of|at|last|public|collective|national)\s+$/i;
const VERBAL = new Set(['VERB', 'AUX']);
const nextComma = (text: string, from: number, limit: number) => {
  const at = text.indexOf(',', from);
  return at < 0 || at > limit ? limit : at;
};
const MONTH_CONTEXT_BEFORE = /\b(?:in|of|on|since|until|till|by|from|early|late|mid|end of|beginning of|through)\s+$/i;
/** A text's reference to itself ("which will be discussed in Chapter Two") is not a forecast. */
const SELF_REFERENCE =
  /^\s+(?:also\s+|further\s+)?be\s+(?:discussed|described|examined|addressed|presented|explored|analy[sz]ed|considered|covered|detailed|outlined|set out|treated|reviewed)\s+(?:in|below|later|further|at greater length|in more detail)\b/i;
/** A hedged evaluation with no event ("its emphasis … may be particularly important"): round-2 rule. */
const EVALUATION_AFTER =
  /^\s+(?:also\s+|still\s+)?be\s+(?:(?:even|much|far|still)\s+)?(?:worse|better)\b|^\s+(?:also\s+)?be\s+(?:an?\s+|the\s+)?(?:ideal|perfect|good|great|golden|unique|excellent|rare|best)\s+(?:opportunity|chance|moment|time|occasion)\b|^\s+(?:also\s+|still\s+)?be\s+(?:(?:particularly|especially|very|most|more|less|even|equally|quite|all the more|extremely)\s+)?(?:important|significant|crucial|critical|key|useful|helpful|relevant|valuable|beneficial|instructive|worth|meaningful|consistent|welcome)\b|^\s+(?:also\s+|thus\s+)?be\s+(?:seen|viewed|regarded|understood|read|interpreted|taken)\s+as\b|^\s+be\s+(?:wrong|mistaken)\b|^\s+(?:also\s+)?be\s+(?:(?:a|an)\s+)?(?:(?:very|serious|grave|big|major|costly|strategic|historic)\s+)?(?:mistake|error|blunder|naive|unwise|wise|prudent|sensible|desirable|preferable|advisable|foolish|misguided|premature|good idea|bad idea)\b/i;
/**
 * Hedges that judge the present or the past, not an event to come: a hedged explanation ("This may explain why …",
 * "The drop may reflect seasonal factors"), an argument ("It could be argued that …"), a preference ("would rather",
 * "would do well to"), a past possibility or counterfactual ("may have supplied", "would have collapsed").
 */
const NO_EVENT_AFTER =
  /^\s+(?:also\s+|well\s+|partly\s+|in part\s+)?(?:explain|reflect|account for|wonder|stem from|be explained|be attributed|be due to|be because|be argued|be said|be claimed|be contended|be noted|be suggested|be asked|rather|do well to|like to|prefer|agree|accept|admit|concede)\b|^\s+(?:not\s+|well\s+|also\s+|already\s+)?have\s+(?:\w+ed|been|had|done|gone|made|seen|taken|given|known|won|lost|led|left|held|kept|become|begun|fallen|grown|risen|thought|brought|sought|fought|built|sent|spent)\b/i;
/** A deal or an outcome someone wants ("Moscow wants a deal that would leave it in control"): a motive, not a forecast. */
const WANTED_BEFORE =
  /\b(?:wants?|wanted|seeks?|sought|aims?\s+(?:at|for)|hopes?\s+for|proposes?|proposed|demands?|demanded|pushe?s?\s+for|calls?\s+for|insists?\s+on|prefers?|favou?rs?|(?:the|its|their|his|her)\s+(?:aim|goal|objective|purpose|intention)\s+(?:is|was))\b[^,;.]{0,80}\b(?:that|which|who)\s+$/i;
/** An embedded question ("gives insight into how it may try to …", "how we expect them to affect"), not a claim. */
const EMBEDDED_QUESTION_BEFORE =
  /\b(?:how|whether|why)\s+(?:[\w’'-]+\s+){0,6}$|\b(?:about|of|on|over|at|into|as to|know|knows|ask|asks|decide|decides|determine|determines|unclear|uncertain|clear|see|predict(?:ing)?|forecast(?:ing)?|anticipat(?:e|ing)|imagin(?:e|ing)|guess(?:ing)?|consider|explore|projections\s+for|forecasts?\s+for|predictions\s+for|outlook\s+for)\s+(?:who|what|which|when|where)\s+(?:[\w’'-]+\s+){0,4}$/i;

/** Subjects of an institution's own frame (round 6, widened in round 8). */
// After a short opener too ("Overall, Coface anticipates a 2% increase …"), round 14.
const NAMED_SUBJECT_BEFORE =
  /(?:^\s*|[.;:]\s+|^\W*(?:[\w’'-]+\s+){0,3}[\w’'-]+,\s+|\bthe\s+|\bThe\s+)(?:[A-Z][\w&.’'-]*\s+(?:(?:of|for|on|and)\s+(?:the\s+)?(?=[A-Z]))?){1,6}(?:\([A-Z][\w&.-]{1,10}\)\s+)?$/;
const RELEASE_SUBJECT_BEFORE = /\b(?:says|said|adds|added|states|stated)\s+(?:that\s+)?it\s+$/;
// "Our economists expect", and an institution's staff in the third person ("the Bundesbank's economists expect"), round 15.
const OUR_SUBJECT_BEFORE =
  /\b[Oo]ur\s+(?:[a-z]+\s+){1,2}$|\b(?:the\s+)?[A-Z][\w&.-]*['’]s\s+(?:own\s+)?(?:economists|experts|staff|analysts|forecasters|researchers)\s+$/;
/** An object of an institution's frame that names a change or an outcome ("a sharp rebound", "growth of 4%"). */
const CHANGE_OBJECT =
  /\b(?:growth|rebound|recovery|decline|rise|fall|increase|decrease|slowdown|contraction|expansion|recession|gains?|loss(?:es)?|deficits?|surplus(?:es)?|inflation|easing|tightening|cuts?|hikes?|pick-?up|upturn|downturn|improvement|deterioration|acceleration|deceleration|moderation|return|peak|drop|surge|jump|defaults?|upgrades?|downgrades?|majority|victory|win|defeat|changes?|shift|boom|bust|crisis|stabili[sz]ation|narrowing|widening)\b/i;
/** A denied inference, a category's definition, or a purpose (no comma before "so that") before the expression. */
const NOT_AN_EVENT_BEFORE =
  /\b(?:does|do|did|will|would)\s*(?:not|n['’]t)\s+(?:necessarily\s+)?(?:imply|mean|suggest|indicate|signal|follow)\b(?:\s+that)?\s+[^;:]{0,100}$|\bis\s+not\s+to\s+say\s+(?:that\s+)?[^;:]{0,100}$|(?:^|,\s+)those\s+(?:[a-z-]+\s+){1,2}(?:that|which|who)\s+(?:[a-z]+\s+)?$|(?:^|[^,\s])\s+(?:so that|in order that)\s+[^,;:]{0,100}$/i;
/** A possibility with no definite event after it ("could lead to widely contrasting futures"). */
const UNDEFINED_OUTCOMES_AFTER =
  /^\s+(?:\w+\s+)?(?:lead|give\s+rise|result|open\s+(?:up\s+)?the\s+way)\s+(?:to|in)\s+(?:(?:widely|very|quite|radically|vastly|sharply)\s+)?(?:different|contrasting|divergent|diverse|varied|various|multiple|alternative|many|a\s+range\s+of|a\s+variety\s+of)\s+(?:\w+\s+)?(?:futures|outcomes|scenarios|paths|worlds|possibilities|results|directions)\b/i;
/** What the author will do in the text ("we will argue that …", "I will then examine …"), round 8. */
const AUTHOR_WILL_AFTER =
  /^\s+(?:also\s+|further\s+|then\s+|first\s+|now\s+|briefly\s+)?(?:argue|show|examine|discuss|explore|assess|analy[sz]e|consider|describe|outline|review|present|focus|look\s+at|address|set\s+out|turn\s+to|demonstrate|propose|recommend|return\s+to|conclude|summari[sz]e|highlight|illustrate|investigate|see\s*[,.;:]|see\s+(?:below|later|in\b))/i;
/** A "will" that addresses the reader or judges, with no event ("Readers will recall", "will want to", "Time will tell"). */
const NO_EVENT_WILL_AFTER =
  /^\s+(?:(?:no\s+doubt|surely|certainly|also)\s+)?(?:want\s+to|wish\s+to|recall|remember|notice|be\s+(?:interesting|instructive|worth\s+(?:watching|noting|seeing))\b|tell\s*(?:[.,;:!]|$|whether\b|if\b|who\b|what\b|how\b|which\b))/i;
/**
 * Judgements of significance, not events (round-10 labelling: "will be key", "will represent a real turning point",
 * "will be remembered for", "a place in the history books"): what a development will mean, not what will happen.
 */
const SIGNIFICANCE_WILL_AFTER =
  /^\s+(?:also\s+|surely\s+|certainly\s+|undoubtedly\s+)?(?:be\s+(?:(?:particularly|especially|very|most|more|even|equally|absolutely|all the more|extremely|truly|doubly)\s+)?(?:key|crucial|critical|vital|essential|decisive|pivotal|paramount|instrumental|fundamental)(?=\s*(?:[.;:!?]|,\s|$)|\s+in\s+terms\s+of\b|\s+(?:in|for|to)\s+(?:the\s+)?(?:determining|shaping|deciding|defining|ensuring|securing|achieving|understanding)\b)|go\s+down\s+as\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:year|period|time|moment|decade)\b|(?:represent|mark|constitute|signal)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:turning\s+point|watershed|milestone|landmark|game[\s-]changer)\b|act\s+as\s+(?:the|a|an)\s+(?:[\w-]+\s+)?(?:beginning|start|catalyst|harbinger|foundation|cornerstone|precursor)\s+of\b|be\s+remembered\s+(?:for|as)\b|go\s+down\s+in\s+history\b|have\s+(?:guaranteed|earned|secured|won)\s+(?:him|her|it|them)sel(?:f|ves)\s+a\s+place\s+in\s+(?:the\s+)?history)/i;
/** A priority, a goal or a question as the subject of "will be to …/how …/whether …" (round-10 labelling): no event. */
const PRIORITY_SUBJECT_BEFORE =
  /\b(?:priority|priorities|goal|goals|aim|aims|objective|task|challenge|test|question|issue|focus)\b(?:\s+(?:for|of|facing|before)\s+[^,;.]{1,60}?)?\s+$/i;
const PRIORITY_PREDICATE_AFTER = /^\s+(?:\w+\s+)?be\s+(?:to\s+[a-z]|how\b|whether\b)/i;
/**
 * A document's account of what it covers ("an annual report examining the trends that will shape …", "identifies key
 * themes that will transcend …"): the topics named, not a forecast (round-10 labelling, like a text's reference to
 * itself).
 */
const COVERED_TOPICS_BEFORE =
  /\b(?:examin|identif|explor|outlin|highlight|analy[sz]|assess|map|track|surve|review|describ|discuss|consider|cover|look)\w*\s+(?:at\s+)?(?:some\s+of\s+)?(?:the\s+|several\s+|a\s+few\s+|ten\s+|five\s+)?(?:[\w-]+\s+){0,3}(?:trends|themes|forces|factors|issues|developments|risks|questions|challenges|dynamics|drivers|megatrends|shifts|events)\s+(?:that|which)\s+$/i;
/**
 * The author's account of its own past work or thoughts ("We asked the Superforecasters to imagine that they could …",
 * "We didn't know that Biden would choose …"): a narrative of the method, not a forecast (round-10 labelling).
 */
const AUTHOR_PAST_NARRATIVE_BEFORE =
  /(?:^|[^\w’'])(?:[Ww]e|I)\s+(?:(?:did\s*n['’]t|did\s+not|never|had\s*n['’]t|had\s+not|could\s*n['’]t|could\s+not)\s+(?:know|expect|think|imagine|realise|realize|foresee|predict|guess)|asked|told|knew|imagined|wondered|thought|expected|wanted|assumed|believed|feared|hoped|supposed|invited)\b[^.;:!?]{0,160}$/;
/** The speaker's own musing ("we might think of a winter-sports image"), no event. */
const MUSING_AFTER =
  /^\s+(?:also\s+|well\s+|even\s+)?(?:think\s+(?:of|about)|picture|liken|call\s+(?:it|this|that)|describe\s+(?:it|this|that))\b/i;
/** A need or a search for something with the property it should have ("the thirst for information that would …"). */
const NEEDED_OBJECT_BEFORE =
  /\b(?:thirst|need|needs|search|hunger|demand|demands|call|calls|appetite|quest|hope|hopes|push|longing|wish|plea|pleas)\s+for\s+(?:(?:a|an|the|some|any|new|more)\s+)?(?:[\w-]+\s+){0,3}(?:that|which)\s+$/i;
/** What someone wants as a noun with its content ("Our goal is that every child will …"). */
const GOAL_BEFORE =
  /\b(?:goal|aim|objective|target|ambition|intention|purpose|wish|desire)\s+(?:\w+\s+)?(?:is|was|remains)\s+that\s+[^;:]{0,100}$/i;
/** The predicate of a wh-clause subject that leaves the question open. */
const OPEN_QUESTION_PREDICATE =
  /\b(?:is|are|remains?)\s+(?:(?:still|far\s+from|not\s+(?:yet\s+)?|anything\s+but|very\s+much)\s*)*(?:anyone['’]s\s+guess|unclear|uncertain|unknown|an\s+open\s+question|a\s+mystery|hard\s+to\s+(?:say|predict|tell|know)|difficult\s+to\s+(?:say|predict|tell|know)|impossible\s+to\s+(?:say|predict|tell|know)|to\s+be\s+seen|clear|debatable|open)\b/i;
/** The document as the subject ("This report will …"), round 8. */
const DOCUMENT_SUBJECT_BEFORE =
  /(?:\b(?:this|the\s+present)\s+(?:\w+\s+)?(?:report|paper|brief|chapter|section|study|analysis|article|essay|commentary|volume|book|edition|publication|survey)|\bthe\s+(?:next|following|final|last|first|second|third|concluding)\s+(?:section|chapter|part)|\b(?:section|chapter|part)\s+that\s+follows)\s+(?:also\s+|further\s+|then\s+|therefore\s+)?$/i;
/** "A turnover of 39 seats would …", "A swing of 12 seats would …": the arithmetic of a hypothetical. */
const HYPOTHETICAL_QUANTITY_BEFORE =
  /^\W*(?:A|An|Any)\s+(?:net\s+)?[a-z-]+\s+of\s+(?:just\s+|only\s+|about\s+|at\s+least\s+)?(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few)\s+[a-z-]+\s+$/;

/** A relative clause without its pronoun after a verb's object ("we increased our attention to worlds we might face"). */
function contactRelative(sentence: Sentence, start: number): boolean {
  const before = sentence.tokens.filter((token) => token.end <= start);
  const pronoun = before.at(-1);
  const noun = before.at(-2);
  return Boolean(
    pronoun &&
    noun &&
    /^(?:we|you|they|one)$/.test(pronoun.lower) &&
    noun.pos === 'NOUN' &&
    before.slice(0, -2).some((token) => VERBAL.has(token.pos)),
  );
}

const SIGNATURE_LINE =
  /^[ \t]*\n(?:[ \t]*\n)?[ \t]*[—–][ \t]*[A-Z][\w.’'-]*(?:[ \t]+(?:[A-Z][\w.’'-]*|de|van|von|al|bin|da))*[ \t]*(?:,[^\n]*)?(?:\n|$)/;
/**
 * A paragraph that is one quotation signed on the next line ("“…”\n—George Perkovich") is a contributor's
 * own comment in a collection of signed comments (an institution's experts react): the author's words.
 */
function signedContribution(text: string, start: number, blockStart: number, end: number): boolean {
  return /^\s*$/.test(text.slice(blockStart, start)) && SIGNATURE_LINE.test(text.slice(end, end + 200));
}

/** Another body's report or list announced ("The Council … has issued a report listing …", "As summarised on …"). */
const RELAY_INTRO =
  /\b(?:has|have|had)\s+(?:just\s+)?(?:issued|published|released|compiled|presented|put\s+out)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,3}(?:report|survey|study|list|forecast|assessment|paper|ranking|review)\b|\bAs\s+(?:summari[sz]ed|reported|listed|described)\s+(?:on|in|by)\b/i;
/** A line that opens a list ("the ten include:", "They are as follows:"). */
const LIST_INTRO_LINE = /\b(?:include|includes|are|were|as\s+follows|the\s+following|these)\s*:\s*$/i;
const NUMBERED_LINE = /^\s*\d{1,2}[.)]\s/;

/**
 * The numbered items of a list the text relays from another body's report (round 14: "The Kazakhstan Council on
 * International Relations has issued a report listing … the ten include: 1. … 2. …"): that body's forecasts, reported
 * however each item is worded. The intro line, or one of the two lines before it, names the report.
 */
export function relayedListStretches(text: string): Span[] {
  const stretches: Span[] = [];
  const lines = [...text.matchAll(/[^\n]*/g)].filter((line) => line[0].length > 0).map((line) => ({ start: line.index, text: line[0] }));
  for (let index = 0; index < lines.length; index += 1) {
    if (!LIST_INTRO_LINE.test(lines[index].text)) continue;
    if (!lines.slice(Math.max(0, index - 2), index + 1).some((line) => RELAY_INTRO.test(line.text))) continue;
    let last = index;
    while (last + 1 < lines.length && NUMBERED_LINE.test(lines[last + 1].text)) last += 1;
    if (last > index) stretches.push({ start: lines[index + 1].start, end: lines[last].start + lines[last].text.length });
    index = last;
  }
  return stretches;
}

/**
 * Stretches of the text inside quotation marks (“…”, "…", ‘…’): a speaker's words or a quoted term,
 * not the author's claim (round-3 rule). A closing ” with no opening mark in its paragraph closes a
 * quote that opened with the paragraph (a copy that lost its opening mark).
 */
export function quotedStretches(text: string): Span[] {
  const stretches: Span[] = [];
  for (const block of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]+)*/g)) {
    const blockText = block[0];
    let open: number | null = null;
    let straightOpen: number | null = null;
    let singleOpen: number | null = null;
    for (let index = 0; index < blockText.length; index += 1) {
      const character = blockText[index];
      const at = block.index + index;
      if (character === '“') open = at;
      else if (character === '”') {
        if (!signedContribution(text, open ?? block.index, block.index, at + 1))
          stretches.push({ start: open ?? block.index, end: at + 1 });
        open = null;
      } else if (character === '"') {
        if (straightOpen === null) straightOpen = at;
        else {
          stretches.push({ start: straightOpen, end: at + 1 });
          straightOpen = null;
        }
      } else if (character === '‘') singleOpen = at;
      // A ’ inside a word is an apostrophe ("Russia’s"); one before a non-letter may close a ‘ quote.
      else if (character === '’' && singleOpen !== null && !/[A-Za-z]/.test(blockText[index + 1] ?? '')) {
        stretches.push({ start: singleOpen, end: at + 1 });
        singleOpen = null;
      }
    }
  }
  return stretches;
}

/** Without a document date only relative horizons ("next year", "in the coming months") count as future. */
const NO_DATE_REFERENCE = new Date(Date.UTC(9999, 0, 1));
/** Where a present tense's own clause ends, for its horizon: a new clause or a relative after it. */
const PRESENT_CLAUSE_END =
  /[;:–—]|,\s+(?:and|but|or|while|whereas|which|who|although|though|because|as|since|if|unless|when)\b|\s(?:while|whereas|because|although|though|but|if|unless|when|since)\s/i;
/** Adjectives that name a term ("long-term challenges") and the current year say nothing of when. */
const NOT_A_FUTURE_HORIZON = /^(?:long-term|short-term|near-term|medium-term|this year|the current year|eventually|in the future)$/i;

/**
 * A present tense says what will happen when its clause names a time after the document's date
 * ("the deficit remains above 3% next year"), and it is not itself inside a condition or a
 * subordinate clause of time ("if inflation remains high next year, …").
 */
function futureHorizonFollows(
  text: string,
  sentence: Sentence,
  start: number,
  end: number,
  publishedOn: Date | null,
  schedule = false,
): boolean {
  const before = text.slice(sentence.start, start);
  if (/\b(?:if|unless|when|whenever|once|as long as|provided|until|while|whether|before|after|as)\b[^,;:]*$/i.test(before)) return false;
  // A relative clause of the subject ("the countries that face elections next year are …") is no claim of its own.
  if (/\b(?:that|which|who)\s+(?:\w+\s+)?$/i.test(before)) return false;
  const rest = text.slice(end, sentence.end);
  const stop = PRESENT_CLAUSE_END.exec(rest);
  const limit = end + (stop ? stop.index : rest.length);
  // From the match's last word, so that "scheduled for March 2027" keeps its preposition.
  const from = start + Math.max(0, text.slice(start, end).lastIndexOf(' ') + 1);
  return findHorizons(text, { start: from, end: limit }, publishedOn ?? NO_DATE_REFERENCE).some(
    // A schedule for the current year ("Elections are due in Mexico this year") is still ahead of the document (round 13).
    (horizon) =>
      horizon.deadline !== null &&
      (!NOT_A_FUTURE_HORIZON.test(horizon.phrase.trim()) || (schedule && /^this year$/i.test(horizon.phrase.trim()))),
  );
}

/** Finite verbs that can be a sentence's main verb after a relative clause: "are", "has", "happened", "stayed", "will". */
const isFiniteVerb = (token: Token) =>
  (token.pos === 'AUX' && /^(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|do|does|did)$/.test(token.lower)) ||
  (token.pos === 'VERB' && (/[^s]s$|ed$/.test(token.lower) || PAST_IRREGULAR.test(token.lower)));
const PAST_IRREGULAR =
  /^(?:was|were|had|did|fell|rose|grew|went|came|became|took|made|saw|held|kept|left|led|lost|won|met|began|ran|stood|spent|sent|brought|thought|told|said|gave|got|found|knew|chose|drove|broke|struck|fought|sought|wrote|paid|bought|caught|taught)$/;

/**
 * True when an expression stands in a relative clause inside the sentence's subject ("the events that could …
 * are", "the strike that would … never happened", "officials who would normally attend … stayed away"): no verb
 * before the relative pronoun, and a finite main verb after the relative clause's own verb.
 */
function inSubjectRelative(text: string, sentence: Sentence, start: number, end: number): boolean {
  const before = sentence.tokens.filter((token) => token.end <= start);
  const pronoun = before.at(-1);
  if (!pronoun || !/^(?:that|which|who)$/.test(pronoun.lower) || before.length < 2) return false;
  const subject = before.slice(0, -1);
  if (!subject.some((token) => token.pos === 'NOUN' || token.pos === 'PROPN' || token.pos === 'PRON')) return false;
  if (subject.some((token) => VERBAL.has(token.pos) && !/ing$/.test(token.lower)) || subject.some((token) => /^[,;:]$/.test(token.text)))
    return false;
  const after = sentence.tokens.filter((token) => token.start >= end);
  // The relative clause's own verb follows its modal, past adverbs; the tagger may read it as a noun ("could change").
  const ownVerb = after.findIndex((token) => token.pos !== 'ADV' && token.pos !== 'PART');
  if (ownVerb < 0) return false;
  for (const token of after.slice(ownVerb + 1)) {
    if (token.pos === 'PUNCT' && /^[,;:.!?–—]$/.test(token.text)) return false;
    if (token.pos === 'SCONJ' || token.pos === 'CCONJ' || /^(?:that|which|who|to)$/.test(token.lower)) return false;
    if (isFiniteVerb(token)) return true;
  }
  return false;
}

/** True when the content clause after a frame ("likely that Moscow ordered …") has a past verb as its first verb. */
function pastContent(sentence: Sentence, from: number): boolean {
  const tokens = sentence.tokens.filter((token) => token.start >= from);
  // A participle with its agent ("the tariffs imposed by …") modifies the subject; the clause's verb comes later.
  const verb = tokens.find(
    (token, index) => VERBAL.has(token.pos) && token.lower !== 'that' && !(/ed$/.test(token.lower) && tokens[index + 1]?.lower === 'by'),
  );
  return Boolean(
    verb &&
    (/^(?:was|were|had|did)$/.test(verb.lower) || (verb.pos === 'VERB' && (/ed$/.test(verb.lower) || PAST_IRREGULAR.test(verb.lower)))),
  );
}

/** A past-time frame in the sentence ("at the time", "back then"): a "would" in it is a future seen from the past. */
const PAST_TIME = /\b(?:at the time|back then|in those days|in retrospect|in hindsight|years later|by then)\b/i;

/**
 * A "would" that tells a past future ("He joined the party in 1990 and would later become its leader", "the level of
 * shock the war would inflict", said of what was less evident at the time): an observation, not a forecast.
 */
function futureInThePast(text: string, sentence: Sentence, head: Expression): boolean {
  if (head.family !== 'conditional') return false;
  const sentenceText = text.slice(sentence.start, sentence.end);
  if (/\b(?:if|unless|in the event|in case)\b/i.test(sentenceText)) return false;
  if (PAST_TIME.test(sentenceText)) return true;
  // A past tense, not a present perfect ("NATO has strengthened its flank and would respond …" speaks of now).
  const earlierPast = sentence.tokens.some(
    (token, index) =>
      token.end <= head.start &&
      token.pos === 'VERB' &&
      (/ed$/.test(token.lower) || PAST_IRREGULAR.test(token.lower)) &&
      !/^(?:has|have|'s|’s|'ve|’ve)$/.test(sentence.tokens[index - 1]?.lower ?? '') &&
      !/^(?:has|have)$/.test(sentence.tokens[index - 2]?.lower ?? ''),
  );
  const afterWould = text.slice(head.end, head.end + 30);
  const laterMarker = /^\s+(?:not\s+)?(?:later|eventually|subsequently|soon|go on to|then|never again)\b/i.test(afterWould);
  const coordinated = /\band\s+$/i.test(text.slice(Math.max(sentence.start, head.start - 6), head.start));
  return earlierPast && (laterMarker || coordinated);
}

/** A noun, adjective or verb of doubt before "whether", with the whole of its subject (round 13). */
const DOUBT_WHETHER_BEFORE =
  /\b(?:uncertainty|uncertainties|doubts?|questions?|debate|speculation|unclear|uncertain|unsure|undecided|wonder(?:s|ing)?|ask(?:s|ing)?|depends?\s+on|depending\s+on|decide[sd]?|determine[sd]?|see)\s+(?:(?:over|about|as\s+to|on|of|regarding|around)\s+)?whether\b[^.;:!?]{0,200}$/i;
/** A sentence about a kind of situation, not a definite one ("In such situations …", "In these cases …"), round 13. */
const GENERIC_SITUATION = /^\W*In\s+(?:such|these|those|similar)\s+(?:situations?|cases?|circumstances|instances|scenarios)\b/i;

/**
 * True when a "that/which" right before `start` opens a restrictive relative clause whose clause is in the past: the
 * nearest verb before it is a past form with no comma between ("passed legislation that will", "presided over the
 * passage of new legislation that will").
 */
function relativeInPastClause(sentence: Sentence, start: number): boolean {
  const before = sentence.tokens.filter((token) => token.end <= start);
  const pronoun = before.at(-1);
  if (!pronoun || !/^(?:that|which)$/.test(pronoun.lower)) return false;
  for (let index = before.length - 2; index >= 0; index -= 1) {
    const token = before[index];
    if (/^[,;:()–—]$/.test(token.text)) return false;
    // "the developments that influenced 2015 and that will continue to do so": a second relative clause of its own.
    if (token.pos === 'AUX' || token.pos === 'CCONJ' || /^(?:that|which|who)$/.test(token.lower)) return false;
    if (token.pos === 'VERB') {
      // A participle ("a hatred … shared by nearly every Ukrainian that will define …") leaves the clause verbless.
      if (before[index + 1]?.lower === 'by') return false;
      const auxiliary = before[index - 1]?.lower ?? '';
      return (
        (/ed$/.test(token.lower) || PAST_IRREGULAR.test(token.lower)) && !/^(?:has|have|had|is|are|be|been|being|will|to)$/.test(auxiliary)
      );
    }
  }
  return false;
}

/**
 * The sentence's estimative expressions. With `rejected`, every lexicon match a rule turned down is kept there too,
 * named by that rule (`rejectedBy`): the learned scorer's candidate generator weighs them instead of dropping them.
 */
function findExpressions(
  text: string,
  sentence: Sentence,
  quoted: readonly Span[] = [],
  publishedOn: Date | null = null,
  rejected?: Expression[],
): Expression[] {
  const slice = text.slice(sentence.start, sentence.end);
  const found: Expression[] = [];
  const lowerSlice = slice.toLowerCase();
  for (const entry of LEXICON) {
    if (entry.hints && !entry.hints.some((hint) => lowerSlice.includes(hint))) continue;
    entry.pattern.lastIndex = 0;
    for (const match of slice.matchAll(entry.pattern)) {
      const start = sentence.start + match.index;
      const end = start + match[0].length;
      const before = text.slice(Math.max(sentence.start, start - 40), start);
      const next = text.slice(end, end + 30);
      const lower = match[0].toLowerCase();
      // A modal of the future, of possibility or of a condition: what the rules on embedded, generic and open claims test.
      const modal = entry.family === 'will' || entry.family === 'possibility' || entry.family === 'conditional';
      const reject = (rule: string) =>
        rejected?.push({
          start,
          end,
          entry,
          text: match[0],
          words: typeof entry.words === 'string' ? entry.words : entry.words(match[0]),
          family: entry.family,
          negated: Boolean(entry.negated) || /\b(?:not|never|no longer)\s+$/i.test(before.slice(-12)),
          past: entry.past?.(match[0]) ?? false,
          nounEstimate: false,
          rejectedBy: rule,
        });
      if ((lower === 'will' || lower === 'shall') && (NOUN_WILL_BEFORE.test(before) || /^\s+of\b/.test(next))) {
        reject('noun-will');
        continue;
      }
      const monthOfMay = (match[0] === 'May' && start > sentence.start) || MONTH_CONTEXT_BEFORE.test(before) || /^\s+\d/.test(next);
      if (lower === 'may' && monthOfMay) {
        reject('month-may');
        continue;
      }
      if (quoted.some((stretch) => start >= stretch.start && end <= stretch.end)) {
        reject('quoted');
        continue;
      }
      if (entry.headlineOnly && /[.!?]["”’)]?\s*$/.test(slice)) {
        reject('headline-only');
        continue;
      }
      if (entry.asClauseOfFuture) {
        // The verb is a verb of the clause's own subject, and the main clause before ", as" says "will" of a coming year.
        const token = sentence.tokens.find((candidate) => candidate.start === start);
        const main = text.slice(sentence.start, start);
        const mainWill = /\b(?:will|shall)\b/i.test(main.replace(/,?\s+as\s+[^,]*$/i, ''));
        const horizon = findHorizons(text, { start: sentence.start, end: start }, publishedOn ?? NO_DATE_REFERENCE).some(
          (found) => found.deadline !== null || /\b(?:coming|next|this)\s+year\b/i.test(found.phrase),
        );
        const yearSubject = /^\W*(?:(?:19|20)\d\d|(?:this|next|the\s+coming|the\s+new)\s+year)\s+will\b/i.test(main);
        // The tagger may read a rarer verb as a plural noun ("the region braces for"): a noun right before it and a
        // preposition or determiner right after make it the verb.
        const index = token ? sentence.tokens.indexOf(token) : -1;
        const verb =
          token?.pos === 'VERB' ||
          (token?.pos === 'NOUN' &&
            /^(?:NOUN|PROPN)$/.test(sentence.tokens[index - 1]?.pos ?? '') &&
            /^(?:ADP|DET)$/.test(sentence.tokens[index + 1]?.pos ?? ''));
        if (
          !token ||
          !verb ||
          /^(?:is|has|was|does|goes|says|seems|appears)$/.test(token.lower) ||
          !mainWill ||
          !(horizon || yearSubject)
        ) {
          reject('as-clause');
          continue;
        }
      }
      if (entry.horizonInClause && !futureHorizonFollows(text, sentence, start, end, publishedOn)) {
        reject('horizon-in-clause');
        continue;
      }
      if (entry.headlineInfinitive) {
        // The subject before "to" is a noun phrase with no verb; a verb follows ("Global IT Spending to Reach …"), not a
        // noun ("A Roadmap to Peace").
        const subject = sentence.tokens.filter((token) => token.end <= start);
        // A list's title ("10 Conflicts to Watch in 2018", "Five Things to Know") names what to watch, not an event.
        if (
          subject[0]?.pos === 'NUM' ||
          /^(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)$/i.test(subject[0]?.lower ?? '')
        ) {
          reject('headline-list-title');
          continue;
        }
        // "What to watch for in 2024", "Where to invest": a headline naming a topic, no event (round 8).
        if (/^(?:what|where|which|how|who|whom|when|why|whether)$/i.test(subject.at(-1)?.lower ?? '')) {
          reject('headline-wh');
          continue;
        }
        const following = sentence.tokens.find((token) => token.start >= end);
        if (
          subject.length === 0 ||
          subject.some((token) => VERBAL.has(token.pos) && !/ing$/i.test(token.text)) ||
          !subject.some((token) => token.pos === 'NOUN' || token.pos === 'PROPN') ||
          !following ||
          following.pos !== 'VERB'
        ) {
          reject('headline-infinitive-shape');
          continue;
        }
      }
      if (entry.institutionObject) {
        // The subject: a name with a singular verb ("The IMF expects", "The Bank is forecasting", "The Bank of Canada
        // sees"), a reprinted release's "<Name> says it expects", or the author's own "Our economists expect".
        const near = text.slice(Math.max(sentence.start, start - 80), start);
        const singular =
          /(?:s|ing)$/i.test(match[0]) && !/^(?:we|i|they|you|he|she)\s+$/i.test(near.slice(-5).replace(/^.*?\b(?=\w+\s+$)/, ''));
        if (
          !/^we\b/i.test(match[0]) &&
          !(OUR_SUBJECT_BEFORE.test(near) || (singular && (NAMED_SUBJECT_BEFORE.test(near) || RELEASE_SUBJECT_BEFORE.test(near))))
        ) {
          reject('institution-subject');
          continue;
        }
        const rest = text.slice(end, sentence.end);
        // A noun phrase object must name a change or an outcome, or carry a future horizon ("expects a sharp rebound",
        // "is forecasting growth of 4% in 2027"); not "projects an image of strength".
        if (
          !/^\s+(?:[^\s,;:]+\s+){1,8}?to\s+[a-z]+\b/.test(rest) &&
          !CHANGE_OBJECT.test(rest.slice(0, 80).split(/[,;:]/)[0]) &&
          !futureHorizonFollows(text, sentence, start, end, publishedOn)
        ) {
          reject('institution-object');
          continue;
        }
        // A state's or a person's expectation is theirs ("Russia expects a quick victory", "Russia says it expects …"); an
        // institution's, or a reprinted release's ("Fitch says it expects …"), is the author's own.
        if (
          findEntities(text, Math.max(sentence.start, start - 60), start).some(
            (entity) =>
              (entity.kind === 'state' || entity.kind === 'person') &&
              !/\bof\s+$/i.test(text.slice(sentence.start, entity.start)) &&
              /^\s+(?:(?:says|said|adds|added|states|stated)\s+(?:that\s+)?it\s+)?$/.test(
                text.slice(entity.end, start).replace(/\b(?:now|also|still|is)\s+/g, ''),
              ),
          )
        ) {
          reject('institution-state-or-person');
          continue;
        }
      }
      // A frame whose content is past ("The risk is that we were wrong") predicts nothing.
      if (entry.family === 'frame' && /that$/i.test(match[0]) && /^\s+(?:[\w’'-]+\s+){1,5}?(?:was|were|had|did)\b/i.test(next)) {
        reject('frame-past-content');
        continue;
      }
      if (entry.verbFollows) {
        const following = sentence.tokens.find((token) => token.start >= end);
        if (!following || !VERBAL.has(following.pos) || /ing$/.test(following.lower)) {
          reject('verb-follows');
          continue;
        }
      }
      if (entry.futureHorizon) {
        // "go to the polls" is a verb whatever the tagger reads after "all" (round 13).
        const verbal =
          /\bto the polls$/i.test(match[0]) ||
          sentence.tokens.some((token) => token.start >= start && token.end <= end && VERBAL.has(token.pos));
        const schedule = /\b(?:scheduled|slated|due|set)(?:\s+for)?$/i.test(match[0]) || /\bdue\s*$/i.test(match[0]);
        if (!verbal || !futureHorizonFollows(text, sentence, start, end, publishedOn, schedule)) {
          reject('future-horizon-missing');
          continue;
        }
        // A base form is finite only right after its plural subject ("prices remain"); after "and", "then" or a
        // comma it is a second predicate of a modal or an infinitive ("is projected to fall …, then rise …").
        const previous = sentence.tokens.filter((candidate) => candidate.end <= start).at(-1);
        if (
          /^[a-z]+$/i.test(match[0]) &&
          !/s$/i.test(match[0]) &&
          !(previous && (previous.pos === 'NOUN' || previous.pos === 'PROPN' || /^(?:they|we|you|i)$/.test(previous.lower)))
        ) {
          reject('present-not-finite');
          continue;
        }
      }
      const after = text.slice(end, Math.min(sentence.end, end + 80));
      if ((lower === 'will' || lower === 'shall') && SELF_REFERENCE.test(after)) {
        reject('self-reference');
        continue;
      }
      // A "would" in the reason given for an estimate ("a ceasefire is unlikely, because opinion would be against it"):
      // an explanation of the estimate, not a forecast of its own (round 9).
      if (entry.family === 'conditional' && /,\s+(?:because|since)\s+(?:[\w’'-]+\s+){1,8}$/i.test(text.slice(sentence.start, start))) {
        reject('because-would');
        continue;
      }
      // Occasions that recur without a date ("there will be times when growth falls short"): a general truth, no event.
      if (
        entry.family === 'will' &&
        (/^\s+be\s+(?:\w+\s+)?(?:occasions|times|periods|moments|instances|cases|days|years)\s+(?:when|where|in which)\b/i.test(after) ||
          /\b(?:occasions|times|periods|moments|instances|cases)\s+(?:when|where|in which)\s+(?:[\w’'-]+\s+){0,4}$/i.test(before))
      ) {
        reject('recurring-occasions');
        continue;
      }
      // A hedged explanation in the present ("The fall likely reflects weaker demand", "probably stems from"): an
      // estimate of why something has happened, not of what will (round 7, the scale's own adverbs too).
      if (
        (entry.family === 'scale' || entry.family === 'possibility') &&
        /^(?:likely|probably|possibly|perhaps|most likely|very likely|almost certainly|in part)$/.test(lower) &&
        /^\s+(?:(?:also|partly|largely|mainly|mostly|in part)\s+)?(?:reflects?|explains?|stems?\s+from|accounts?\s+for|owes?\s+(?:much\s+)?to|results?\s+from|is\s+(?:due|attributable|explained|driven|caused)\b)/i.test(
          after,
        )
      ) {
        reject('hedged-explanation');
        continue;
      }
      // An election rating ("Virginia – Likely Rep", "Ohio: Likely Democratic"): a capitalised rating word before a
      // party's name and nothing else in its clause, no verb, so no claim.
      if (/^(?:Likely|Unlikely)$/.test(match[0])) {
        const rest = text.slice(end, sentence.end);
        const cut = rest.search(/\s[–—-]\s|[\n;:,]/);
        if (/^\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*$/.test(cut < 0 ? rest : rest.slice(0, cut))) {
          reject('election-rating');
          continue;
        }
      }
      // Ratings in a list ("seats are Solid, Likely or Lean Democratic"): a category, not a probability (round 8).
      if (
        /^(?:Likely|Unlikely)$/.test(match[0]) &&
        (/\b(?:Solid|Safe|Lean|Leans|Leaning|Toss-?[Uu]p)\b,?\s+(?:or\s+|and\s+)?$/.test(before) ||
          /^,?\s+(?:or\s+|and\s+)?(?:Solid|Safe|Lean|Leans|Leaning|Toss-?[Uu]p)\b/.test(after))
      ) {
        reject('rating-list');
        continue;
      }
      // Not forecasts (round 8): a denied inference ("This does not necessarily mean that defaults will rise"); the
      // definition of a category ("megatrends, those factors that will likely occur"); a purpose without a comma ("plan
      // so that crises do not occur and reforms have a better chance"); possibilities with no definite event ("could
      // lead to widely contrasting futures"); what a document covers ("the futures we might face"); the arithmetic of a
      // hypothetical ("A turnover of 39 seats would tip the majority").
      const sentenceBefore = text.slice(sentence.start, start);
      // A clause of result whose own words are an expectation ("… so that CPIF inflation can be expected to be close to 2
      // per cent") states no purpose: nobody acts in order that something can be expected (round 10).
      const resultExpectation =
        /\b(?:expected|likely|projected|forecast|anticipated)\b/i.test(match[0]) && /\bso\s+that\b/i.test(sentenceBefore);
      if (
        !resultExpectation &&
        /\bnot\b|n['’]t\b|\bthose\s|\b(?:so|order)\s+that\b/i.test(sentenceBefore) &&
        NOT_AN_EVENT_BEFORE.test(sentenceBefore)
      ) {
        reject('not-an-event');
        continue;
      }
      if (
        (entry.family === 'possibility' || entry.family === 'conditional' || entry.family === 'scale') &&
        UNDEFINED_OUTCOMES_AFTER.test(after)
      ) {
        reject('undefined-outcomes');
        continue;
      }
      if (
        (entry.family === 'possibility' || entry.family === 'conditional') &&
        /\b(?:we|you|they|one)\s+$/i.test(before) &&
        contactRelative(sentence, start)
      ) {
        reject('contact-relative');
        continue;
      }
      if (entry.family === 'conditional' && HYPOTHETICAL_QUANTITY_BEFORE.test(sentenceBefore)) {
        reject('hypothetical-quantity');
        continue;
      }
      // What the document itself will do ("This report will examine …", "this paper may help …").
      if ((entry.family === 'will' || entry.family === 'possibility') && DOCUMENT_SUBJECT_BEFORE.test(before)) {
        reject('document-subject');
        continue;
      }
      if ((lower === 'will' || lower === 'shall') && /\b(?:we|I)\s+$/.test(before) && AUTHOR_WILL_AFTER.test(after)) {
        reject('author-will');
        continue;
      }
      if ((lower === 'will' || lower === "'ll" || lower === '’ll') && NO_EVENT_WILL_AFTER.test(after)) {
        reject('no-event-will');
        continue;
      }
      // Round 10: judgements of significance, priorities, the topics a document covers, and an agenda ("Gita … will take
      // us through the WEO") are not forecasts.
      if ((lower === 'will' || lower === 'shall' || lower === "'ll" || lower === '’ll') && SIGNIFICANCE_WILL_AFTER.test(after)) {
        reject('significance');
        continue;
      }
      // "perhaps the greatest policy issue of our generation will be how …": the hedge of such a subject goes with it.
      const prioritySubjectAfter =
        /^(?:perhaps|possibly|probably)$/.test(lower) &&
        /^\s+(?:[\w’'-]+\s+){0,10}?(?:priority|priorities|goal|goals|aim|objective|task|challenge|test|question|issue|focus)\b[^,;.]{0,60}?\s+(?:will|shall)\s+be\s+(?:to\s+[a-z]|how\b|whether\b)/i.test(
          after,
        );
      if (
        (entry.family === 'will' && PRIORITY_SUBJECT_BEFORE.test(before) && PRIORITY_PREDICATE_AFTER.test(after)) ||
        prioritySubjectAfter
      ) {
        reject('priority');
        continue;
      }
      if (modal && COVERED_TOPICS_BEFORE.test(sentenceBefore)) {
        reject('covered-topics');
        continue;
      }
      if (
        (lower === 'will' || lower === "'ll" || lower === '’ll') &&
        /^\s+(?:take|walk|guide|lead)\s+(?:us|you)\s+through\b/i.test(after)
      ) {
        reject('agenda');
        continue;
      }
      if ((entry.family === 'possibility' || entry.family === 'conditional') && AUTHOR_PAST_NARRATIVE_BEFORE.test(sentenceBefore)) {
        reject('author-past-narrative');
        continue;
      }
      if (
        (entry.family === 'possibility' || entry.family === 'conditional') &&
        /\b(?:we|you|one|I)\s+$/.test(before) &&
        MUSING_AFTER.test(after)
      ) {
        reject('musing');
        continue;
      }
      // "They may or may not have a majority": true whatever happens, so it predicts nothing (round-10 labelling).
      if (
        entry.family === 'possibility' &&
        (/^\s+or\s+(?:may|might|could)\s+not\b/i.test(after) || /\b(?:may|might|could)\s+or\s+$/i.test(before))
      ) {
        reject('either-way');
        continue;
      }
      // A restrictive relative clause without its pronoun ("the societal implications they will introduce") describes a
      // noun of the main clause; the claim is the main clause's (the round-8 rule for "may", for "will" in round 10).
      if (entry.family === 'will' && /\b(?:we|you|they|one)\s+$/i.test(before) && contactRelative(sentence, start)) {
        reject('contact-relative');
        continue;
      }
      // The author's own focus ("our focus remains on …") is a statement of intent, not a trend (round 10).
      if (
        entry.futureHorizon &&
        /\b(?:[Oo]ur|[Mm]y)\s+(?:(?:main|primary|chief|key|central)\s+)?(?:focus|attention|priority|priorities|work|mission|commitment|task)\s+$/.test(
          before,
        )
      ) {
        reject('own-focus');
        continue;
      }
      // "more inevitable than it was": a comparison with the past, not an estimate (round 10).
      if (entry.family === 'scale' && /^\s+than\s+(?:it|they|he|she|this|that)\s+(?:was|were|had\s+been|seemed)\b/i.test(after)) {
        reject('past-comparison');
        continue;
      }
      // An estimate recalled as a concession ("despite our high probability estimates that the Democrats would prevail"): a
      // forecast inside a noun phrase (round-10 labelling, round 3).
      if (
        /\bdespite\s+(?:our|the|their|its|his|her)\s+(?:[\w-]+\s+){0,3}$/i.test(before) ||
        // "despite concerns that these voting cycles could be subject to violence": a worry recalled (round 11).
        /\bdespite\s+(?:(?:the|some|many|widespread|earlier|initial)\s+)?(?:concerns?|fears?|worries|warnings?|predictions?|expectations?)\s+that\s+[^,;.]{0,80}$/i.test(
          sentenceBefore,
        ) ||
        /\bdespite\s+(?:our|the|their|its|his|her)\s+[^,;.]{0,60}\b(?:estimates?|forecasts?|predictions?|expectations?|projections?)\s+that\s+[^,;.]{0,60}$/i.test(
          sentenceBefore,
        )
      ) {
        reject('despite-estimate');
        continue;
      }
      // A year evaluated as a whole ("will be the most challenging and dramatic year since …", "will be even more so"),
      // round 12; a year that counts something ("a busy electoral year, with 11 presidential seats") stays a forecast.
      if (
        ((lower === 'will' || lower === 'shall') &&
          (/^\s+(?:also\s+)?(?:be|prove\s+(?:to\s+be\s+)?|turn\s+out\s+to\s+be)\s+(?:a|an|the)\s+(?:(?:most|more|very|truly|particularly|even)\s+)?(?:challenging|difficult|dramatic|turbulent|momentous|eventful|tough|interesting|decisive|pivotal|critical|crucial|historic|remarkable|unprecedented|volatile|uncertain|defining|consequential|rough|tumultuous|testing|trying|hard)\b(?:\s+and\s+\w+)?\s+(?:year|period|decade|time)\b/i.test(
            after,
          ) ||
            /^\s+(?:also\s+)?be\s+(?:even\s+|still\s+)?more\s+so\b/i.test(after))) ||
        // "2019 promises to be a challenging year for Afghanistan" (round 14; "2020 promises to be just as intense", round 4).
        (/^promises?\s+to$/.test(lower) &&
          /(?:\b(?:19|20)\d\d|\b(?:this|next|the\s+coming|the\s+new)\s+(?:year|decade))\s+$/i.test(sentenceBefore) &&
          /^\s+be\b/i.test(after))
      ) {
        reject('year-evaluated');
        continue;
      }
      // A ranking ("One of the main areas of global developments will be the Middle East"), round-11 labelling.
      if (
        entry.family === 'will' &&
        /^\W*One\s+of\s+the\s+(?:main|key|biggest|greatest|most\s+important|major|central|principal)\s+[^,;.]{1,80}$/i.test(
          sentenceBefore,
        ) &&
        /^\s+be\b/i.test(after)
      ) {
        reject('ranking');
        continue;
      }
      // A requirement ("resources and time will be needed"): what is needed, not what will happen (round 12).
      if (entry.family === 'will' && /^\s+(?:also\s+)?be\s+(?:needed|required|necessary)\b/i.test(after)) {
        reject('requirement');
        continue;
      }
      // A leader's pledge for the speaker's own side ("We will strengthen our deterrence and defence"), round-12 labelling.
      if (
        (lower === 'will' || lower === 'shall') &&
        /(?:^|[^\w’'])[Ww]e\s+$/.test(before) &&
        /^\s+(?:also\s+|further\s+|continue\s+to\s+)?(?:strengthen|take|work|ensure|support|deliver|build|invest|stand|enhance|reinforce|step\s+up|adopt|launch|decide|agree|protect|defend|pursue|uphold|maintain|keep|provide|increase|boost|bolster|modernise|modernize)\b[^.;]{0,60}\b(?:our|ours|ourselves)\b/i.test(
          after,
        )
      ) {
        reject('pledge');
        continue;
      }
      // A coming year characterised as a whole ("is expected to have a year of extreme contrasts"), round-9 labelling.
      if (
        entry.family === 'will' &&
        /^\s+(?:be|have|see|bring)\s+(?:a|an)\s+(?:[\w-]+\s+)?year\s+of\s+(?:[\w-]+\s+)?(?:contrasts?|change|uncertainty|turbulence|transition|upheaval|surprises?|volatility|crisis|crises|challenges?|opportunit(?:y|ies)|consolidation|disruption|extremes?)\b/i.test(
          after,
        )
      ) {
        reject('year-characterised');
        continue;
      }
      if (entry.family === 'conditional' && NEEDED_OBJECT_BEFORE.test(sentenceBefore)) {
        reject('needed-object');
        continue;
      }
      if (/\bthat\s/i.test(sentenceBefore) && GOAL_BEFORE.test(sentenceBefore)) {
        reject('goal');
        continue;
      }
      if ((entry.family === 'possibility' || entry.family === 'conditional') && EVALUATION_AFTER.test(after)) {
        reject('evaluation');
        continue;
      }
      if ((entry.family === 'possibility' || entry.family === 'conditional') && NO_EVENT_AFTER.test(after)) {
        reject('no-event-after');
        continue;
      }
      if (entry.family === 'conditional' && WANTED_BEFORE.test(text.slice(sentence.start, start))) {
        reject('wanted');
        continue;
      }
      // What others might say ("Optimists might even note that …") is no event.
      if (
        (entry.family === 'possibility' || entry.family === 'conditional') &&
        /^\s+(?:even\s+|well\s+)?(?:note|argue|say|point out|suggest|claim|contend|object|reply|counter)\b/i.test(after)
      ) {
        reject('others-might-say');
        continue;
      }
      // "perhaps suggesting that …": a hedge on an interpretation, not a prediction.
      // "offers the best chance of keeping the state together": a present assessment of an option (round 11).
      if (
        entry.family === 'scale' &&
        /\b(?:offers?|provides?|gives?|represents?|holds?)\s+(?:the|a|an)\s+(?:\w+\s+)?$/i.test(before) &&
        /chance|probability|likelihood/i.test(lower)
      ) {
        reject('option-assessed');
        continue;
      }
      // "till the last vote is counted we will not know what will happen": the author's uncertainty (round 11).
      if (
        entry.family === 'will' &&
        (entry.negated ? /^\s+(?:yet\s+|really\s+)?know\b/i : /^\s+not\s+(?:yet\s+|really\s+)?know\b/i).test(after)
      ) {
        reject('will-not-know');
        continue;
      }
      // Evidence that goes on pointing somewhere ("recent data continue to support the view that …"): the present, and the
      // view that follows is the claim (round 11).
      if (entry.futureHorizon && /^\s+to\s+(?:support|suggest|point|indicate|show|signal|confirm|underpin)\b/i.test(after)) {
        reject('evidence-continues');
        continue;
      }
      // "Perhaps, being here in January, …": the same with a comma (round 10).
      if (/^(?:perhaps|possibly)$/.test(lower) && /^,?\s+\w+ing\b/i.test(after)) {
        reject('perhaps-ing');
        continue;
      }
      // An estimate made in the past ("it was not evident that … was the most likely to materialize").
      if (
        entry.family === 'scale' &&
        /\b(?:was|were|had been)\s+(?:(?:the|not|also|then|still|thought|seen|most|more|less|very|highly|likely|probably|almost|certainly|perhaps|possibly|arguably)\s+)*$/i.test(
          before,
        )
      ) {
        reject('past-estimate');
        continue;
      }
      // A judgement about the past ("Russia probably supplied the drones", "is likely to have been", "It is likely that
      // Moscow ordered …"): an estimate, but of what has happened.
      if (entry.family === 'scale' || entry.family === 'possibility' || entry.family === 'frame') {
        const nextToken = sentence.tokens.find((token) => token.start >= end);
        if (
          (/^(?:probably|possibly|perhaps|certainly|undoubtedly|almost certainly|most likely|very likely|most probably)$/.test(lower) &&
            nextToken &&
            ((nextToken.pos === 'VERB' && (/ed$/.test(nextToken.lower) || PAST_IRREGULAR.test(nextToken.lower))) ||
              /^(?:was|were|had|did)$/.test(nextToken.lower))) ||
          /^\s+to\s+have\s+(?:been|\w+ed)\b/i.test(after) ||
          (/(?:likely|probable|possible|certain)(?:\s+that)?$/i.test(lower) &&
            (/\bthat$/i.test(lower) || /^\s+that\b/i.test(after)) &&
            pastContent(sentence, end))
        ) {
          reject('past-judgement');
          continue;
        }
      }
      // Round 10: a certainty adverb before a present tense judges the present ("nationalist policies certainly act as an
      // impediment"); an adverb inside a noun phrase qualifies an adjective ("the inevitably noisy context").
      if (entry.family === 'scale' && /^(?:certainly|undoubtedly|clearly|surely|definitely|inevitably)$/.test(lower)) {
        const nextToken = sentence.tokens.find((token) => token.start >= end);
        const afterNext = nextToken && sentence.tokens.find((token) => token.start >= nextToken.end);
        if (nextToken && nextToken.pos === 'VERB' && /^[a-z]+s$/.test(nextToken.lower) && !/(?:ss|us|is)$/.test(nextToken.lower)) {
          reject('present-certainty');
          continue;
        }
        if (
          /\b(?:the|a|an|its|their|his|her|our|this|that|these|those)\s+$/i.test(before) &&
          nextToken?.pos === 'ADJ' &&
          (afterNext?.pos === 'NOUN' || afterNext?.pos === 'ADJ')
        ) {
          reject('adverb-in-noun-phrase');
          continue;
        }
      }
      // A possibility without a definite event ("Various military outcomes are still plausible").
      if (
        entry.family === 'possibility' &&
        /\b(?:various|several|many|other|multiple|numerous|different)\s+(?:\w+\s+)?(?:outcomes|scenarios|possibilities|options|paths|futures)\s+(?:\w+\s+)?$/i.test(
          before,
        )
      ) {
        reject('various-outcomes');
        continue;
      }
      if (
        modal &&
        EMBEDDED_QUESTION_BEFORE.test(before) &&
        // "Best and Bosom Friends: Why China-Russia Ties Will Deepen": a headline's "Why" states the claim; in a sentence
        // with its full stop the wh-clause is a subject ("Why they won't give up is beyond us"), round 7.
        !(
          /(?:^|[:–—]\s*)(?:how|whether|why)\s+(?:[\w’'-]+\s+){0,4}$/i.test(text.slice(sentence.start, start)) &&
          !/[.!?]["”’)]?\s*$/.test(slice)
        )
      ) {
        reject('embedded-question');
        continue;
      }
      // Round 13, in general form. An embedded question after a noun or verb of doubt, however long its subject
      // ("uncertainty over whether elections in Mexico and Brazil, scheduled in July, will result in …"), or after
      // "to what extent" ("evaluate to which extent its content could have implications").
      if (
        modal &&
        (DOUBT_WHETHER_BEFORE.test(sentenceBefore) || /\bto\s+(?:which|what)\s+extent\s+(?:[\w’'-]+\s+){0,8}$/i.test(sentenceBefore))
      ) {
        reject('embedded-question');
        continue;
      }
      // A general statement about a kind of situation ("In such situations … protection measures will have little
      // effect"), what such events can be like ("Acts of violence … may happen spontaneously"), what will always be
      // ("An assessment of the future will always be uncertain"), or what an unexpected event could do: no definite event.
      if (
        modal &&
        (GENERIC_SITUATION.test(text.slice(sentence.start, sentence.end)) ||
          /^\s+(?:happen|occur|take\s+place|come|strike|start|escalate)\s+(?:spontaneously|suddenly|unexpectedly|without\s+(?:any\s+)?(?:warning|notice|preparation)|at\s+any\s+time|at\s+short\s+notice|with\s+(?:little|minimal|no)\s+(?:preparation|warning|notice))\b/i.test(
            after,
          ) ||
          ((lower === 'will' || lower === 'would') && /^\s+(?:therefore\s+|thus\s+|also\s+)?always\b/i.test(after)) ||
          /(?:^|\bthat\s+|[,;:]\s+)(?:an?|any)\s+(?:unexpected|unforeseen|single|sudden|unpredictable)\s+[^,;.]{1,40}$/i.test(
            sentenceBefore,
          ))
      ) {
        reject('generic');
        continue;
      }
      // A document's method ("In this assessment we present the most likely developments"): the estimate names what
      // the text sets out, not an event (round 13).
      if (
        entry.family === 'scale' &&
        /\b(?:present|presents|presented|describe|describes|outline|outlines|set\s+out|sets\s+out|discuss|discusses|examine|examines|explore|explores|identify|identifies)\s+(?:the\s+|what\s+(?:we\s+)?(?:see|consider)\s+as\s+(?:the\s+)?)?$/i.test(
          sentenceBefore,
        )
      ) {
        reject('method');
        continue;
      }
      // An evaluation of significance with "a test of" ("this year is set to be a true test of ASEAN's ability"), round 13.
      if (
        (entry.family === 'will' || entry.family === 'scale') &&
        /^\s+(?:also\s+)?be\s+(?:a|an|the)\s+(?:(?:true|real|major|key|big|serious|first|crucial|critical|stern|litmus|important|genuine|severe|tough)\s+)?test\s+(?:of|for)\b/i.test(
          after,
        )
      ) {
        reject('test-of');
        continue;
      }
      // A restrictive relative clause inside a clause about the past ("Najib passed legislation that will entrench his
      // power"): what an act already done is for, not a forecast (round 8 labelling, round 13).
      if ((lower === 'will' || lower === 'would') && relativeInPastClause(sentence, start)) {
        reject('relative-in-past');
        continue;
      }
      // Round 14, in general form. An outcome left open ("there is no certainty, he will be allowed to do so").
      if (
        modal &&
        /\b(?:no\s+certainty|not\s+certain|no\s+guarantee|not\s+clear|unclear|uncertain)(?:\s+that|\s+if)?\s*,?\s+[^.;:!?]{1,120}$/i.test(
          sentenceBefore,
        )
      ) {
        reject('outcome-open');
        continue;
      }
      // A list's title ("Ten Conflicts to Worry About in 2019", "Five Trends to Watch"): what to follow, not a forecast.
      if (
        entry.headlineInfinitive &&
        /^\s+(?:worry\s+about|watch|know|consider|look\s+out\s+for|keep\s+an\s+eye\s+on|remember|follow)\b/i.test(after)
      ) {
        reject('headline-list-title');
        continue;
      }
      // "Most likely to be the geopolitical dilemma of 2019": a ranking of significance, not an outcome (round 14).
      if (
        entry.family === 'scale' &&
        /^\s+to\s+(?:be|become|remain)\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}(?:dilemma|challenge|story|issue|question|theme|test|flashpoint|headache|concern|priority|focus|talking\s+point)\b/i.test(
          after,
        )
      ) {
        reject('significance');
        continue;
      }
      // "if a credible process and outcome are to be achieved": a purpose the condition states, not a schedule.
      if (/^(?:is|are)\s+(?:(?:now|also|still)\s+)?to\s+be$/i.test(lower) && /\bif\b[^,;:]*$/i.test(sentenceBefore)) {
        reject('purpose-condition');
        continue;
      }
      // "As you would expect": a phrase of the speaker's, not a conditional forecast.
      if (
        /^(?:would|might|may|could)$/.test(lower) &&
        /(?:^|[,;:]\s*|\W)[Aa]s\s+(?:you|one|we)\s+$/.test(sentenceBefore) &&
        /^\s+expect\b/i.test(after)
      ) {
        reject('phrase');
        continue;
      }
      // A speaker's own conduct in the first person singular ("I will not comment further on them"), round 14.
      if (
        /^(?:will|shall)(?:\s+not)?$/.test(lower) &&
        /(?:^|[^\w’'])I\s+$/.test(sentenceBefore) &&
        /^\s+(?:not\s+|also\s+|now\s+|briefly\s+|then\s+)?(?:comment|say|speak|discuss|go\s+into|elaborate|turn|address|outline|focus|talk|touch|mention|dwell|detail|describe|provide|give|take\s+(?:your|any)\s+questions|answer|update|brief|begin|start|conclude|close|end)\b/i.test(
          after,
        )
      ) {
        reject('speaker-conduct');
        continue;
      }
      // Round 15, in general form. A figure of speech ("If it were a movie, the election would …"; not "If there were a
      // conflict, …", a scenario, nor "If it were to invade") and a condition put to the reader ("If you expect drama …, you would likely be disappointed"): no forecast of the author's.
      if (
        (entry.family === 'conditional' || entry.family === 'scale' || entry.family === 'possibility') &&
        /\b[Ii]f\s+(?:(?:it|this|that)\s+were\s+(?!to\b)(?:a|an|the)\b|you\s+(?:expect|are\s+expecting|hope|are\s+hoping|want|are\s+looking))[^;.]*$/.test(
          sentenceBefore,
        )
      ) {
        reject('counterfactual');
        continue;
      }
      // An evaluation of how an event will feel ("the 2019 election is likely to be dull"), like a year's evaluation.
      if (
        entry.family === 'scale' &&
        /^\s+to\s+be\s+(?:(?:rather|very|quite|pretty|fairly|a\s+bit|somewhat)\s+)?(?:dull|boring|exciting|interesting|fascinating|entertaining|thrilling|unexciting|uneventful|lacklustre|lackluster|predictable)\b/i.test(
          after,
        )
      ) {
        reject('evaluation');
        continue;
      }
      // What a text covers ("high-level experts regarding the key forces which will shape 2020 and beyond"), round 15.
      if (
        (lower === 'will' || lower === 'may' || lower === 'could') &&
        /\b(?:regarding|on|about|of|discuss(?:es|ing)?|explor(?:es|ing)|examin(?:es|ing)|identif(?:y|ies|ying)|outlin(?:es|ing))\s+(?:the\s+)?(?:(?:key|main|major|big|biggest|principal|most\s+important)\s+)?(?:forces|trends|factors|issues|themes|developments|challenges|drivers|questions|risks)\s+(?:which|that)\s+$/i.test(
          sentenceBefore,
        ) &&
        /^\s+(?:shape|define|dominate|drive|determine|mark|affect|influence)\b/i.test(after)
      ) {
        reject('contents');
        continue;
      }
      // A rating's current level ("The terrorism threat level remains at PROBABLE"): the present, not an estimate.
      if (
        entry.family === 'scale' &&
        /\b(?:level|rating|status|grade)\s+(?:is|remains|stays|was|has\s+been)\s+(?:at\s+)?$/i.test(sentenceBefore)
      ) {
        reject('rating-level');
        continue;
      }
      // A wh-clause as the subject of "is anyone's guess", "is unclear", "remains to be seen" ("What will happen next is
      // anyone's guess"): an open question, no claim (round 8).
      if (
        (entry.family === 'will' || entry.family === 'possibility' || entry.family === 'conditional' || entry.family === 'scale') &&
        /^\W*(?:what|who|which|when|where|how|whether|why)\b/i.test(slice) &&
        OPEN_QUESTION_PREDICATE.test(text.slice(end, sentence.end))
      ) {
        reject('open-question');
        continue;
      }
      // A hedge on a phrase with no verb of its own (", most likely by the Assad regime's forces") judges a past fact.
      if (
        (entry.family === 'scale' || entry.family === 'possibility') &&
        /,\s*(?:most\s+|very\s+|highly\s+|more\s+)?$/.test(before) &&
        /^\s+(?:by|from|in|at|through|via|because)\b/i.test(after) &&
        !sentence.tokens.some(
          (token) =>
            token.start >= end &&
            token.end <= nextComma(text, end, sentence.end) &&
            VERBAL.has(token.pos) &&
            !/ing$|^['’]s$/.test(token.lower),
        )
      ) {
        reject('hedge-no-verb');
        continue;
      }
      let nounEstimate = false;
      if (
        entry.family === 'scale' &&
        /^(?:likely|probable|unlikely|improbable|most likely|more likely|less likely|very likely|highly likely)$/.test(lower)
      ) {
        // Attributive use ("the likely consequences") qualifies a noun, not a claim; but a superlative or
        // comparative estimate heading the subject is the claim's estimate ("the most likely solution will be …").
        const following = sentence.tokens.find((token) => token.start >= end);
        if (
          /\b(?:the|a|an|its|their|his|her|our|this|these|those|most)\s+$/i.test(before) &&
          following &&
          (following.pos === 'NOUN' || following.pos === 'ADJ')
        ) {
          // "The likely outcome is a stalemate": an estimate heading a subject that names an outcome, before a present or
          // future verb, is the claim's estimate too ("the likely consequences were discussed" is not).
          const outcomeSubject =
            /^\s+(?:\w+\s+)?(?:outcome|scenario|result|winner|successor|path|course|trajectory|response|consequence|effect|impact|next step)s?\s+(?:(?:of|for|in)\s+[^,;.]{1,60}?\s+)?(?:is|are|will|would|remains?|looks?|seems?)\b/i.test(
              after,
            );
          // After a preposition the noun phrase is an object ("differed from the most likely outcomes"), whatever
          // the degree: an attribute, not the claim's estimate (round 10).
          const objectOfPreposition = /\b(?:from|of|with|than|to|in|on|about|over|between|for|into|at|by|against)\s+\S+\s+$/i.test(before);
          if ((!/^(?:most|more|less) likely$/.test(lower) || objectOfPreposition) && !outcomeSubject) {
            reject('attributive');
            continue;
          }
          nounEstimate = true;
        }
      }
      if (entry.family === 'obligation' && /\b(?:the|a|an|no|any|their|its|our|urgent|growing)\s+$/i.test(before)) {
        reject('obligation-noun');
        continue;
      }
      // A purpose ("in order that they would be safe", "so that it could …") says what someone wants, not what will happen.
      if (
        (entry.family === 'conditional' || entry.family === 'possibility') &&
        /\b(?:in order that|so that)\s+(?:[\w’'-]+\s+){1,4}$/i.test(text.slice(sentence.start, start))
      ) {
        reject('purpose');
        continue;
      }
      // A possibility in a relative clause of the subject ("Many of the events that could upend our forecasts are
      // unforeseeable"): the sentence's claim is its main predicate, not the relative clause's hedge.
      if ((entry.family === 'conditional' || entry.family === 'possibility') && inSubjectRelative(text, sentence, start, end)) {
        reject('subject-relative');
        continue;
      }
      // "how the world should be governed": an embedded question, not advice.
      // ", which should help lower inflation" is a relative clause, not a question.
      if (
        entry.family === 'obligation' &&
        /\b(?:how|what|which|whether|who|where|when|why)\s+(?:\S+\s+){0,3}$/i.test(before) &&
        !/,\s+which\s+$/i.test(before)
      ) {
        reject('obligation-embedded-question');
        continue;
      }
      // "Should repression intensify, …": the inversion opens a condition.
      if (lower === 'should' && start === sentence.start && /,/.test(slice)) {
        reject('inverted-should');
        continue;
      }
      const words = typeof entry.words === 'string' ? entry.words : entry.words(match[0]);
      found.push({
        start,
        end,
        entry,
        text: match[0],
        words,
        family: entry.family,
        negated:
          Boolean(entry.negated) ||
          /\b(?:not|hardly)\b|n['’]t\b/i.test(match[0].replace(/\bnot\s+(?:just|only)\b/gi, '')) ||
          /\b(?:not|never|no longer)\s+$/i.test(before.slice(-12)),
        past: entry.past?.(match[0]) ?? false,
        nounEstimate,
      });
    }
  }
  // Longest first; a shorter expression inside a longer one is the same expression.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Expression[] = [];
  for (const expression of found)
    if (!kept.some((other) => expression.start < other.end && other.start < expression.end)) kept.push(expression);
  return kept.sort((a, b) => a.start - b.start);
}

/** Readings by scale and words: a few dozen distinct words, read once each (a word on no scale throws, which is slow). */
const READINGS = new Map<string, Omit<VerbalReading, 'words'> | null>();

function reading(words: string, scale: ScaleId): Omit<VerbalReading, 'words'> | null {
  const key = `${scale}\u0000${words}`;
  if (READINGS.has(key)) {
    const cached = READINGS.get(key)!;
    return cached && { ...cached };
  }
  let result: Omit<VerbalReading, 'words'> | null;
  try {
    const { words: _words, ...rest } = readProbabilityWords(words, scale);
    result = rest;
  } catch (error) {
    if (!(error instanceof UnknownProbabilityPhraseError)) throw error;
    result = null;
  }
  if (READINGS.size < 1000) READINGS.set(key, result);
  return result && { ...result };
}

function statedProbability(clause: string): number | null {
  const match =
    /(\d{1,3}(?:\.\d+)?)\s?(?:%|per ?cent)\s+(?:chance|probability|likelihood|risk)\b/i.exec(clause) ??
    /\b(?:chance|probability|likelihood|odds)\s+(?:is\s+|are\s+)?(?:of\s+)?(?:about\s+|around\s+|roughly\s+)?(\d{1,3}(?:\.\d+)?)\s?(?:%|per ?cent)/i.exec(
      clause,
    );
  // "a one-in-three chance"; "the probability of a recession next year is about 30%", "We put the odds of X at 35%".
  const fraction =
    /\b(one|two|three|four|1|2|3|4)[- ]in[- ](two|three|four|five|six|ten|twenty|\d{1,3})\s+(?:chance|probability|likelihood|risk|odds)\b/i.exec(
      clause,
    );
  if (!match && fraction) {
    const number = (word: string) =>
      /^\d+$/.test(word) ? Number(word) : { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, twenty: 20 }[word.toLowerCase()]!;
    const value = number(fraction[1]) / number(fraction[2]);
    return value > 0 && value <= 1 ? Math.round(value * 10000) / 10000 : null;
  }
  const level =
    match ??
    /\b(?:chances?|probability|likelihood|odds|risk)\s+of\s+[^.;]{1,100}?\s(?:is|are|remains?|stands?\s+at|at)\s+(?:about\s+|around\s+|roughly\s+|close\s+to\s+|near\s+|only\s+|just\s+)?(\d{1,3}(?:\.\d+)?)\s?(?:%|per ?cent)/i.exec(
      clause,
    );
  if (!level) return null;
  const value = Number(level[1]) / 100;
  return value >= 0 && value <= 1 ? value : null;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const sentenceCase = (text: string) => {
  const trimmed = text.trim().replace(/[\s,;:–—-]+$/, '');
  return capitalise(trimmed) + (/[.!?]$/.test(trimmed) ? '' : '.');
};

/** A statement proposed from the clause: the estimate moves out (into the probability), the claim stays. */
export function proposeStatement(clause: string): string {
  let statement = clause
    .replace(/^there (?:is|remains|are) (?:a |an )?(?:\w+\s+)?risks? that\s+/i, '')
    .replace(/^it (?:is|seems|appears) (?:very |highly |most )?(?:un)?likely that\s+/i, '')
    .replace(/^we (?:expect|anticipate|forecast|project|predict)\s+(.+?)\s+to\s+(\w+)/i, '$1 will $2')
    .replace(/\b(?:is|are|'s|’s|'re|’re)\s+((?:now|also|still|all)\s+)*(?:not|hardly)\s+going\s+to\b/gi, 'will not')
    .replace(
      /\b(?:is|are|'s|’s|'re|’re|remains?|looks?|seems?)\s+((?:now|also|still|all|thus|therefore|currently|increasingly|widely|generally|further)\s+)*(?:very\s+|highly\s+|most\s+)?(?:likely|unlikely|probable|improbable|going|set|poised|bound|expected|projected|forecast|slated|on track)\s+to\b/gi,
      (_match, fillers: string | undefined) => `${fillers ?? ''}will`,
    )
    .replace(
      /\b(?:almost certainly|very likely|highly likely|most likely|probably|likely|possibly|perhaps|certainly)\s+(will|would)\b/gi,
      '$1',
    )
    .replace(
      /\b(will|would)(\s+not)?\s+(?:almost certainly|very likely|highly likely|most likely|probably|likely|possibly|perhaps|certainly)\b/gi,
      '$1$2',
    )
    .replace(/\b(?:may|might|could)\s+not\b/gi, 'will not')
    // Hedges that only make sense after the weaker modal ("may well", "could yet") go with it.
    .replace(/\b(may|might|could)\s+(?:well|yet|conceivably|possibly|potentially|perhaps)\b/gi, '$1')
    .replace(/\b(?:may|might|could|would|should)\b/gi, 'will')
    .replace(/\b(?:can|could) be expected\b/gi, 'will occur')
    .replace(/\b(?:cannot|can't|can not|could not|couldn't) be (?:entirely |completely |fully )?(?:ruled out|excluded)\b/gi, 'will happen');
  statement = statement.replace(/\s+/g, ' ');
  return sentenceCase(statement);
}

/** Suggested atomic statements when one clause joins several claims ("economic and military cooperation"). */
export function proposeSplits(statement: string, entityNames: (text: string) => { start: number; end: number }[]): CandidateSplit[] {
  const splits: CandidateSplit[] = [];
  // Two conjuncts sharing their head noun: "economic cooperation (…) and military cooperation".
  const sharedHead = /\b([A-Za-z-]+) ([a-z-]{3,})((?: \([^)]*\))?) and ([A-Za-z-]+) \2\b/.exec(statement);
  if (sharedHead) {
    const [whole, firstModifier, head, aside, secondModifier] = sharedHead;
    const at = sharedHead.index;
    const first = `${firstModifier} ${head}${aside}`;
    const second = `${secondModifier} ${head}`;
    return [
      { part: `${firstModifier} ${head}`, statement: statement.slice(0, at) + first + statement.slice(at + whole.length) },
      { part: second, statement: statement.slice(0, at) + second + statement.slice(at + whole.length) },
    ];
  }
  // Two modifiers of one noun: "economic and military cooperation", "the EU and the U.S.".
  const modifiers =
    /\b([a-z]{4,}) (and|or) ([a-z]{4,}) ((?:cooperation|integration|relations|ties|support|assistance|pressure|sanctions|policy|policies|reforms?|security|interests|presence|influence|investment|trade|aid|capabilities|institutions|cooperation))\b/.exec(
      statement,
    );
  if (modifiers) {
    const [whole, first, , second, noun] = modifiers;
    if (!/^(?:more|less|most|least|both|either|neither)$/.test(first)) {
      for (const modifier of [first, second]) {
        splits.push({
          part: `${modifier} ${noun}`,
          statement: statement.slice(0, modifiers.index) + `${modifier} ${noun}` + statement.slice(modifiers.index + whole.length),
        });
      }
      return splits;
    }
  }
  // Two named parties after a preposition: "cooperation with the EU and the U.S.".
  const entities = entityNames(statement);
  for (let index = 0; index + 1 < entities.length; index += 1) {
    const a = entities[index];
    const b = entities[index + 1];
    const between = statement.slice(a.end, b.start);
    const lead = /\b(?:with|to|against|from|towards|toward|on|over|by|between)\s+(?:the\s+)?$/i.exec(statement.slice(0, a.start));
    if (!/^\s+(?:and|or)\s+(?:the\s+)?$/.test(between) || !lead || /between/i.test(lead[0])) continue;
    const firstPart = statement.slice(a.start, a.end);
    const secondPart = statement.slice(b.start, b.end);
    const joined = statement.slice(a.start, b.end);
    const at = statement.indexOf(joined);
    for (const part of [firstPart, secondPart])
      splits.push({ part, statement: statement.slice(0, at) + part + statement.slice(at + joined.length) });
    break;
  }
  return splits;
}

/** A clause whose subject was left out ("… and will seek to …") borrows the sentence's subject for its statement. */
function subjectOf(sentence: Sentence, clause: Span): Span | null {
  const first = sentence.tokens.find((token) => token.start >= clause.start);
  if (!first || !/^(?:will|shall|would|may|might|could|can|should|must|won|is|are|has|have)$/.test(first.lower)) return null;
  const verb = sentence.tokens.findIndex((token) => token.pos === 'VERB' || token.pos === 'AUX');
  if (verb <= 0 || verb > 8 || sentence.tokens[verb].start >= clause.start) return null;
  return { start: sentence.start, end: sentence.tokens[verb - 1].end };
}

/** The subject's finite verb after an estimate inside the subject, past an aside between commas or dashes. */
function verbAfterSubject(text: string, sentence: Sentence, from: number): number | null {
  const verb = sentence.tokens.find(
    (token) => token.start >= from && VERBAL.has(token.pos) && !/(?:ing|ed)$/.test(token.lower) && token.lower !== 'to',
  );
  return verb ? verb.start : null;
}

/** Past verbs of saying whose content clause is someone else's claim: "Yeliseyev predicted that …", "The declaration makes clear that …". */
const REPORTING_FRAME =
  /\b(?:announced|said|declared|stated|promised|pledged|warned|claimed|argued|insisted|predicted|expected|believed|suggested|noted|added|told|wrote|assured|vowed|threatened|estimated|projected|countered|contended|maintained|asserted|forecast|makes? clear|made clear|(?:is|are)\s+betting|bets|mentioned|explained|pointed\s+out|emphasi[sz]ed|stressed|observed|remarked|commented|highlighted|cautioned)\s+(?:\w+\s+){0,3}?that\s+/gi;
/**
 * The same report without its "that" ("Putin said Russia will never …", "The minister told reporters the cuts will …"),
 * and others' present beliefs ("Analysts believe the ruble will …"): the content is a short subject and its predicate.
 */
const REPORTING_FRAME_BARE =
  /\b(?:said|pledged|promised|pledges|promises|told(?:\s+(?!the\b)\w+){1,2}?|announced|declared|stated|warned|claimed|argued|insisted|predicted|believed|thought|feared|noted|added|wrote|vowed|threatened|estimated|says|argues|claims|insists|believe|believes|think|thinks|fear|fears|predict|predicts|warn|warns)\s+(?!that\b)(?=(?:[\w’'.-]+\s+){1,6}?(?:will|would|could|may|might|won['’]t|is|are)\b)/gi;
/**
 * Others' forecasts as a subject ("Forecasts from the leading analysts suggest that …", "Polls show …", "futures prices
 * suggest the market expects …"): a prediction reported from others, not the author's (round 7).
 */
const OTHERS_FORECAST_SUBJECT =
  /\b(?:forecasts|predictions|projections|polls|surveys|analysts|experts|observers|commentators|pundits|economists|forecasters|markets|investors|futures(?:\s+prices)?|(?:news\s+)?accounts)\s+(?:(?:from|by|of|among)\s+[^,;.]{1,60}?\s+)?(?:(?:also|now|still|generally)\s+)?(?:suggest|show|indicate|point\s+to|predict|expect|imply|signal|(?:are\s+)?betting|bet|(?:are\s+)?pricing\s+in|price\s+in|anticipate|foresee)s?\b/gi;
/**
 * Others as a group, saying or believing in the present ("Critics warn that the reform could backfire", "Some may argue
 * that …", "Officials insist the project will …"): their prediction, not the author's (round 8).
 */
const OTHERS_SAY =
  /\b(?:critics|analysts|observers|commentators|experts|pundits|economists|officials|sceptics|skeptics|optimists|pessimists|proponents|opponents|supporters|some|many|others|few|investors|traders|diplomats|sources|insiders|voters|hawks|doves|bulls|bears|forecasters|strategists)\s+(?:(?:also|still|now|often|even|may|might|could|would|will|privately|publicly)\s+)?(?:say|warn|argue|claim|insist|predict|believe|fear|contend|maintain|note|think|expect|suspect|reckon|worry|caution|doubt|assume|speculate|point\s+out)\b(?:\s+that)?/gi;
/** A view held widely ("The pledge is widely regarded as a target that could be brought forward"): others' view (round 9). */
const WIDELY_HELD =
  /\b(?:widely|generally|commonly|broadly|often|increasingly|universally)\s+(?:regarded|seen|viewed|considered|perceived|thought\s+of|described|touted)\s+as\b/gi;
/** An assumption the author rejects ("It would be wrong to assume that growth will recover"). */
const REJECTED_ASSUMPTION =
  /\b(?:wrong|a\s+mistake|an\s+error|premature|naive|naïve|unwise|dangerous|misleading|too\s+early|foolish)\s+to\s+(?:assume|expect|think|believe|conclude|predict|say|suggest|argue|presume)\b(?:\s+that)?/gi;
/** Nouns of saying or hoping with their content: "comments by Vladimir Putin … that it will not be Russia …". */
const REPORTED_NOUN =
  /\b(?:comments?|claims?|statements?|assurances?|promises?|pledges?|threats?|warnings?|declarations?|remarks?|announcements?|hopes?|predictions?|optimism|pessimism|expectations?|speculation|fears?|assumptions?|beliefs?|convictions?)\s+(?:(?:by|of|from|in|among|within)\s+[^,;.:]{1,80}?\s+)?that\s+|,\s+(?:sure|convinced|certain)\s+that\s+|\bthe\s+(?:general\s+|common\s+|widespread\s+|prevailing\s+|popular\s+|usual\s+)?(?:expectation|assumption|belief|consensus)\s+(?:is|was)\s+that\s+/gi;
/**
 * A named person of another body who "predicts that …" or "says …" in the present ("Joshua Kurlantzick from the
 * Council on Foreign Relations looks at the year ahead and predicts that …"): that person's forecast, relayed (round 13).
 */
const PERSON_REPORTS =
  /\b(?!(?:The|A|An|This|That|These|Our|Its|Their|His|Her)\b)[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+(?!(?:Bank|Fund|Office|Council|Commission|Committee|Institute|Group|Agency|Service|Ministry|Department|Board|Reserve|Union|Nations|Organi[sz]ation|Economics|Research|Forum|Centre|Center|Foundation|Survey|Government|Parliament|Court|Authority|Association|Federation|Party|Secretariat|Treasury|Intelligence|Police|Institution|University|School|College|Programme|Program)\b)[A-Z][a-z’'-]+,?\s+(?:from|of|at)\s+(?:the\s+)?(?:[A-Z][\w&.’'-]*\s+(?:(?:on|of|for|and)\s+)?){1,6}(?:[a-z][^.;:,]{0,50}?\s+and\s+)?(?:predicts|says|argues|expects|believes|thinks|forecasts|warns|reckons|suggests|contends|insists|claims)\b(?:\s+that)?\s+/g;
/** A hope, the document's own or others' ("we hope that this report will …", "Putin is hoping that …"): a wish, not an estimate. */
const HOPE_FRAME =
  /\b(?:hope|hopes|hoped|hoping|wish|wishes|wished|wishing)\s+(?:that\s+|(?=(?:[\w’'.-]+\s+){1,6}?(?:will|would|could|may|might)\b))/gi;
/** A past prediction quoted to be scored ("The prediction: … will …" in a text that gives "The reality: …"). */
const SCORED_PREDICTION = /^\s*(?:The\s+|Our\s+|My\s+)?(?:original\s+|\d{4}\s+)?(?:prediction|forecast|call)s?\s*:/i;
const SCORING_LABEL = /(?:^|\n)\s*(?:The\s+)?(?:reality|verdict|outcome|result|score|what happened)\s*:/im;
/** A past report or expectation followed by "would": a future in the past, which the next sentences may carry on. */
const PAST_FUTURE =
  /\b(?:predicted|expected|knew|thought|believed|assumed|feared|hoped|said|warned|forecast|anticipated|suspected|projected)\b[^.!?]*\b(?:would|wouldn['’]t)\b/i;
/** "According to Yauheni Preiherman, …": a named source; "According to this year's assessment" is the author's own. */
const ACCORDING_TO_NAME =
  /^\s*(?:[A-Z]\w*,?\s+)?[Aa]ccording to\s+(?:(?!(?:this|our|the|its|their|these|my)\b)[A-Z]|(?:one|some|many|several|other|a|an)\s+(?!(?:of\s+)?(?:our|us)\b)\w|(?:critics|analysts|observers|commentators|experts|pundits|economists|sources|reports|polls|others)\b)/;
/** The message a recommendation asks for ("should make it clear that any nuclear use … would …") is part of the advice. */
const ADVICE_FRAME =
  /\b(?:should|must|need to|needs to|ought to)\s+(?:\w+\s+)?(?:make (?:it )?clear|signal|say|tell \w+|warn|stress|emphasi[sz]e|explain|insist)\s+that\s+/i;
/** A sentence that carries on the previous one's report ("Besides, this pressure limits …"). */
const REPORT_CONTINUES =
  /^\s*(?:Besides|Moreover|Furthermore|In addition|Also|Additionally|He also|She also|They also|He added|She added|In his view|In her view|In their view)\b/;

/**
 * Where a sentence starts to report someone else's prediction (the rules leave those unlabelled):
 * after a past verb of saying or a noun of saying and its "that" (not the author's "we said that"),
 * or from its start when it cites a named source or carries on the previous sentence's report.
 */
function reportCarries(text: string, sentence: Sentence, previousReported: boolean): boolean {
  const sentenceText = text.slice(sentence.start, sentence.end);
  if (ADVICE_FRAME.test(sentenceText)) return false;
  return ACCORDING_TO_NAME.test(sentenceText) || (previousReported && REPORT_CONTINUES.test(sentenceText));
}

function reportedFrom(text: string, sentence: Sentence): { from: number | null; kind?: CandidateKind } {
  const sentenceText = text.slice(sentence.start, sentence.end);
  // The message a recommendation asks for ("should make it clear that any nuclear use … would …") is part of the advice.
  const advice = ADVICE_FRAME.exec(sentenceText);
  if (advice) return { from: sentence.start + advice.index, kind: 'recommendation' };
  // A trailing report in the past ("…, the IMF said in its latest outlook", "…, said the minister"): a report, round 8.
  if (
    /,\s+(?:(?:the\s+)?(?:[A-Z][\w&.’'-]*\s+){1,4}(?:said|told\s+\w+|warned|added|noted|stated|wrote|announced)|said\s+(?:the\s+)?[A-Z])\b/.test(
      sentenceText,
    )
  )
    return { from: sentence.start };
  HOPE_FRAME.lastIndex = 0;
  const hope = HOPE_FRAME.exec(sentenceText);
  if (hope) return { from: sentence.start + hope.index };
  for (const pattern of [OTHERS_SAY, REJECTED_ASSUMPTION, WIDELY_HELD]) {
    pattern.lastIndex = 0;
    const match = pattern.exec(sentenceText);
    // "Our economists expect …" is the author's own.
    if (match && !/\b(?:our|we)\s+(?:\w+\s+)?$/i.test(sentenceText.slice(Math.max(0, match.index - 25), match.index)))
      return { from: sentence.start + match.index };
  }
  PERSON_REPORTS.lastIndex = 0;
  const person = PERSON_REPORTS.exec(sentenceText);
  if (person) return { from: sentence.start + person.index };
  // What another body's report lists ("… has issued a report listing … the ten most important trends likely to …").
  const relay = RELAY_INTRO.exec(sentenceText);
  if (relay && !/\b(?:we|I|our)\s+$/i.test(sentenceText.slice(Math.max(0, relay.index - 12), relay.index)))
    return { from: sentence.start + relay.index };
  for (const pattern of [REPORTING_FRAME, REPORTED_NOUN, OTHERS_FORECAST_SUBJECT, REPORTING_FRAME_BARE]) {
    pattern.lastIndex = 0;
    for (const match of sentenceText.matchAll(pattern)) {
      const sayer = sentenceText.slice(Math.max(0, match.index - 25), match.index);
      if (/\b(?:we|I|our)\s+(?:\w+\s+)?$/i.test(sayer) || /\b(?:was|were|is|are|been|be)\s+$/i.test(sayer)) continue;
      // The document itself ("This report argues …", "the authors believe …") is the author.
      if (
        /\b(?:this|the present)\s+(?:\w+\s+)?(?:report|paper|brief|study|analysis|assessment|outlook|note|commentary|article)\s+$|\bthe authors?\s+$/i.test(
          sayer,
        )
      )
        continue;
      // Without "that" the verb must be a verb ("fears of a recession are likely to grow" is a noun).
      if (pattern === REPORTING_FRAME_BARE && sentence.tokens.find((token) => token.start === sentence.start + match.index)?.pos !== 'VERB')
        continue;
      // Without "that" the sayer must be a subject of its own (not "…, I think", not "the risks we fear").
      if (
        pattern === REPORTING_FRAME_BARE &&
        (!/[\w’'.)]\s+$/.test(sayer) || /\b(?:you|they|one|this|these|which|that|who|to)\s+$/i.test(sayer) || /,\s*$/.test(sayer))
      )
        continue;
      return { from: sentence.start + match.index };
    }
  }
  return { from: null };
}

/** Verbs of undergoing after "will have to": "contend with", "cope with", "live with", "absorb", "endure". */
const UNDERGOING_AFTER =
  /^\s+(?:have|has)\s+to\s+(?:contend|cope|grapple|live|deal|put up|wrestle|reckon|endure|absorb|weather|bear|suffer|swallow|accept|navigate)\b/i;
/** The subject of a policymaker's pledge: a first-person institution, or one named by its governing body or its policy. */
const INSTITUTION_SUBJECT =
  /^(?:(?:(?:and|so|but|therefore|thus)\s+)?(?:we|it)|(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}(?:Committee|Board|Governing Council|Bank|Fed|Reserve)|(?:the\s+)?(?:[a-z]+\s+)?monetary\s+policy|(?:the\s+)?(?:committee|board|bank))\s+(?:(?:therefore|also|thus|still|now|then|further)\s+)?$/i;
/** Verbs of a policymaker's own conduct after "will": watching, weighing, standing ready, acting as needed, ensuring. */
const POLICY_CONDUCT_AFTER =
  /^\s+(?:(?:therefore|also|thus|still|further|now|then|continue\s+to|remain\s+ready\s+to)\s+)*(?:keep\s+(?:[\w’'-]+\s+){0,5}under\s+(?:close\s+)?review|monitor|review|consider|assess|evaluate|weigh|watch|examine|reassess|stand\s+ready|remain\s+(?:vigilant|attentive|alert|data[- ]dependent)|take\s+(?:whatever|all|any|the|further)\s+(?:\w+\s+)?(?:action|actions|steps|measures)|do\s+whatever|ensure|set\s+(?:monetary\s+)?policy|adjust\s+(?:policy|its|our|the)|act\s+(?:as|if|decisively|forcefully)|respond\s+(?:as|to)|pay\s+(?:close\s+)?attention)\b/i;

/** A policy instrument as the subject of a passive pledge ("The policy rate path will be adjusted in response to …"), round 9. */
const POLICY_INSTRUMENT_SUBJECT =
  /^(?:the\s+)?(?:(?:key|policy|interest|bank|official)\s+)?(?:policy\s+)?(?:rate|rates|rate\s+path|interest\s+rate|policy\s+stance|monetary\s+policy|asset\s+purchases?)\s+(?:path\s+)?$/i;
const PASSIVE_CONDUCT_AFTER =
  /^\s+(?:(?:therefore|also|thus|still|then)\s+)?be\s+(?:adjusted|set|reviewed|reassessed|calibrated|changed|determined|tailored|guided)\s+(?:in\s+response\s+to|in\s+(?:the\s+)?light\s+of|depending\s+on|according\s+to|as\s+(?:needed|necessary|appropriate)|if\b|so\s+as\b)/i;

function institutionalPledge(text: string, clause: Span, head: Expression): boolean {
  if (head.words !== 'will') return false;
  if (
    POLICY_INSTRUMENT_SUBJECT.test(text.slice(clause.start, head.start)) &&
    PASSIVE_CONDUCT_AFTER.test(text.slice(head.end, head.end + 80))
  )
    return true;
  return INSTITUTION_SUBJECT.test(text.slice(clause.start, head.start)) && POLICY_CONDUCT_AFTER.test(text.slice(head.end, head.end + 80));
}

function kindOf(text: string, sentence: Sentence, clause: Span, head: Expression, group: readonly Expression[] = [head]): CandidateKind {
  const sentenceText = text.slice(sentence.start, sentence.end).trim();
  if (/\?["”’)]?$/.test(sentenceText)) return 'question';
  if (head.past || futureInThePast(text, sentence, head)) return 'observation';
  // "Last year we forecast that growth would slow": the frame's "would" puts it in the past (round 8).
  if (
    /^we (?:forecast|project|predict)$/.test(head.words) &&
    group.some((expression) => expression.family === 'conditional') &&
    !/\b(?:if|unless)\b/i.test(text.slice(sentence.start, sentence.end))
  )
    return 'observation';
  const beforeExpression = text.slice(sentence.start, head.start);
  if ((head.family === 'conditional' || head.family === 'possibility') && REPORTED.test(beforeExpression)) return 'observation';
  // "will need to", "would have to": what someone must do, not what will happen ("will not need to" is a forecast).
  if (
    (head.family === 'will' || head.family === 'conditional') &&
    !head.negated &&
    /^\s+(?:(?:need|have|has)\s+to|require|necessitate)\b/i.test(text.slice(head.end, head.end + 14)) &&
    // "will have to contend with disruptions": what events will impose on someone (a verb of undergoing), not a duty (round 7).
    !UNDERGOING_AFTER.test(text.slice(head.end, head.end + 40))
  )
    return 'recommendation';
  // An institution's pledge about its own conduct ("The Committee will keep under review …", "Monetary policy will ensure
  // that …"): what will be done, not what is expected to happen (round-6 labelling rule), read like an obligation.
  if (head.family === 'will' && !head.negated && institutionalPledge(text, clause, head)) return 'recommendation';
  // "should be taken seriously", "should thus be seen as …": how to read something, not a trend.
  if (
    head.words === 'should' &&
    /^\s+(?:\w+\s+)?be\s+(?:seen|taken|viewed|regarded|treated|understood|considered|read|interpreted)\b/i.test(
      text.slice(head.end, head.end + 40),
    )
  )
    return 'recommendation';
  if (head.family === 'obligation') {
    // An aside after "should" ("should, according to the Bundesbank's experts, rise") is skipped (round 15).
    const [first = '', second = ''] = text
      .slice(head.end, head.end + 100)
      .replace(/^\s*,[^,.;]{1,70},/, '')
      .trim()
      .toLowerCase()
      .split(/\s+/);
    const actorSubject =
      /\b(?:leaders|governments?|policymakers|allies|West|countries|states|community|authorities|officials|members|partners|Washington|Brussels|Kyiv|Moscow|Beijing|NATO|EU|we|they)\s+(?:\w+\s+)?$/i.test(
        text.slice(Math.max(clause.start, head.start - 40), head.start),
      );
    // "should prove more difficult", "should take place in Tunisia on 25 March" are expectations (round 14).
    // Not "should always be maintained" or "should be prepared to" (round 15): advice however the verb reads.
    const advice = first === 'always' || (first === 'be' && /^(?:prepared|ready|careful|aware|cautious|vigilant|mindful)$/.test(second));
    const expectation =
      !advice && (TREND_VERBS.test(first) || TREND_VERBS.test(second) || first === 'prove' || (first === 'take' && second === 'place'));
    if (!(head.words === 'should' && !actorSubject && expectation)) return 'recommendation';
  }
  const clauseText = text.slice(clause.start, clause.end);
  const lead = text.slice(Math.max(sentence.start, clause.start - 60), clause.start);
  // "The more likely outcome … would be …": a conditional "would" makes the clause conditional whatever word is read.
  const conditional = head.family === 'conditional' || group.some((expression) => expression.family === 'conditional');
  // A clause that opens with its own "should" ("should mean that …") is not an inverted condition.
  const ownShould = head.words === 'should' && head.start <= clause.start + 1;
  if (
    conditional ||
    (!ownShould && CONDITION.test(clauseText.replace(/^\s+/, ''))) ||
    /\b(?:if|unless|in the event)\b[^,]*,\s*$/i.test(lead)
  )
    return 'conditional_forecast';
  return 'forecast';
}

function conditionOf(text: string, clause: Span): string | null {
  const clauseText = text.slice(clause.start, clause.end);
  const match =
    /\b(?:if|unless|provided(?: that)?|(?<!\bfor\s)as long as|in case|in the absence of|barring|once|when|whenever)\b[^,;]*/i.exec(
      clauseText,
    );
  return match ? match[0].trim() : null;
}

function confidenceOf(kind: CandidateKind, family: ExpressionFamily, clause: string, hasHorizon: boolean): number {
  const base = { scale: 0.9, frame: 0.75, will: 0.8, possibility: 0.6, conditional: 0.55, obligation: 0.5 }[family];
  let confidence = base;
  if (kind === 'question' || kind === 'observation') confidence -= 0.5;
  if (kind === 'recommendation') confidence -= 0.35;
  const words = clause.split(/\s+/).length;
  if (words < 4) confidence -= 0.2;
  if (words > 70) confidence -= 0.1;
  if (hasHorizon) confidence += 0.05;
  return Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100;
}

/** A proposal before numbering, with what the learned scorer reads of it. */
type Proposal = Omit<ForecastCandidateProposal, 'ordinal'> & { learning: CandidateInfo };

interface ExtractionContext {
  text: string;
  scale: ScaleId;
  publishedOn: Date | null;
  toCodePoints: (offset: number) => number;
  quoted: Span[];
  /** The text scores earlier predictions ("The reality: …"): its "The prediction: …" lines are the past. */
  scored: boolean;
  /** Generate the learned scorer's extra candidates too (turned-down matches, cues). */
  generate: boolean;
}

function contextOf(text: string, options: ExtractionOptions, generate: boolean): ExtractionContext {
  return {
    generate,
    text,
    scale: options.scale ?? DEFAULT_SCALE,
    publishedOn: options.publishedOn ? new Date(`${options.publishedOn}T00:00:00Z`) : null,
    toCodePoints: codePointOffsets(text),
    // Someone else's words: in quotation marks, or the items of a list relayed from another body's report.
    quoted: [...quotedStretches(text), ...relayedListStretches(text)],
    scored: SCORING_LABEL.test(text),
  };
}

interface ClauseGroup {
  expressions: Expression[];
  clause: Span;
}

/** A frame that governs a content clause ("we expect that …", "there is a risk that …", "What is more likely is that …"). */
const governsThat = (text: string, expression: Expression) =>
  /\bthat$/i.test(expression.text) ||
  /^\s+(?:(?:is|was)\s+)?that\b/i.test(text.slice(expression.end, expression.end + 12)) ||
  (/^we\b/i.test(expression.text) && expression.family !== 'possibility');
const DIRECTION_VERB =
  /^(?:rises?|falls?|grows?|slows?|increases?|decreases?|declines?|expands?|contracts?|shrinks?|recovers?|rebounds?|improves?|deteriorates?|worsens?|weakens?|strengthens?|eases?|peaks?|climbs?|drops?|accelerates?|moderates?|stabili[sz]es?|edges?|lags?|remains?|stays?)$/;
/** Past forms that cannot continue a forecast's second clause ("while imports fell"). */
const PAST_OR_NONFINITE =
  /(?:ed|ing)$|^(?:was|were|had|did|fell|rose|grew|went|came|became|took|made|saw|held|kept|left|led|lost|won|met|began|ran|stood|spent|sent|set|built|brought|thought|told|said)$/;

/**
 * Clauses a frame or a future governs without an expression of their own: "We expect growth to slow and that
 * inflation will fall" (the second clause reads the frame's words), "is that one side … collapses …, and that the
 * result is a ceasefire" (a clause of its own with the frame's words), "Exports will recover, while imports
 * remain weak" (the contrast's present tense is carried into the future by the "will" that governs it).
 */
function governedClauses(text: string, sentence: Sentence, groups: ClauseGroup[], starts: ReadonlySet<number>): void {
  for (let index = 0; index < groups.length; index += 1) {
    const group = groups[index];
    const frame = group.expressions.find((expression) => governsThat(text, expression));
    const after = text.slice(group.clause.end, sentence.end);
    // "and that" before a subject is a conjunction; before a verb ("and that will help") "that" is a pronoun subject.
    const andThat =
      /^[\s,]*(?:and|but|or)\s+(?:also\s+)?that\s+(?!(?:will|would|could|may|might|can|should|must|is|are|was|were|has|had)\b)/i.exec(
        after,
      );
    // A list of clauses under one frame, between semicolons ("The risk is that gaps will widen; timelines will stretch;
    // and bandwidth will be consumed"): each reads the frame's words (round 13).
    const following = groups[index + 1];
    if (
      frame &&
      !andThat &&
      following &&
      /^\s*;\s*(?:and\s+|or\s+)?$/i.test(text.slice(group.clause.end, following.clause.start)) &&
      !following.expressions.includes(frame) &&
      following.expressions.every((expression) => expression.family === 'will' && !expression.negated)
    ) {
      following.expressions.unshift(frame);
      // The frame carries on to the clause after the next one.
      continue;
    }
    if (frame && andThat) {
      const start = group.clause.end + andThat[0].length;
      const next = groups[index + 1];
      if (next && next.clause.start <= start + 2 && next.clause.end > start) {
        // The second clause has its own modal: the frame's words win, as they do in the first ("that X will …").
        if (
          !next.expressions.includes(frame) &&
          next.expressions.every((expression) => FAMILY_RANK[expression.family] <= FAMILY_RANK[frame.family])
        )
          next.expressions.unshift(frame);
        continue;
      }
      const verb = sentence.tokens.find((token) => token.start >= start && VERBAL.has(token.pos));
      if (!verb || (next && verb.start >= next.clause.start)) continue;
      groups.splice(index + 1, 0, { expressions: [frame], clause: { start, end: clauseEnd(text, sentence, verb.end, starts) } });
      continue;
    }
    const head = group.expressions.reduce((best, expression) =>
      FAMILY_RANK[expression.family] > FAMILY_RANK[best.family] ? expression : best,
    );
    const contrast = /^,?\s+(?:while|whereas)\s+/i.exec(after);
    if (!contrast || head.family === 'conditional' || head.family === 'obligation' || head.past) continue;
    const start = group.clause.end + contrast[0].length;
    const next = groups[index + 1];
    const end = next && next.clause.start > start ? next.clause.start : sentence.end;
    if (next && next.clause.start <= start + 2) continue;
    const own = tokensIn(sentence, start, end);
    const verbAt = own.findIndex((token) => VERBAL.has(token.pos));
    // A subject of at most six words, then a finite present verb (not "is", "has", a modal or a past form).
    if (verbAt < 1 || verbAt > 6 || !SUBJECT_LIKE.has(own[0].pos) || own[0].lower === 'that') continue;
    const verb = own[verbAt];
    if (verb.pos !== 'VERB' || PAST_OR_NONFINITE.test(verb.lower) || own.slice(0, verbAt).some((token) => token.pos === 'PUNCT')) continue;
    // "while talks continue" without a comma is a time, not a contrast; a comma, "whereas" or a verb of direction
    // ("Inflation will rise while unemployment falls") makes it one.
    if (!/^,|whereas/i.test(contrast[0]) && !DIRECTION_VERB.test(verb.lower)) continue;
    groups.splice(index + 1, 0, { expressions: [head], clause: { start, end: clauseEnd(text, sentence, verb.end, starts) } });
  }
}

/** Groups a sentence's expressions into clauses: expressions in one clause ("probably will") make one candidate. */
function clauseGroups(text: string, sentence: Sentence, expressions: readonly Expression[], starts: ReadonlySet<number>): ClauseGroup[] {
  const groups: ClauseGroup[] = [];
  for (const expression of expressions) {
    let start =
      // "we expect", "one may expect": the expression holds its subject.
      expression.family === 'frame' || /^(?:we|one)\s/i.test(expression.text)
        ? expression.start
        : clauseStart(text, sentence, expression.start);
    // An estimate in the subject ("The more likely outcome, however -- assuming … -- would be …") runs to the subject's verb.
    const endFrom = expression.nounEstimate ? (verbAfterSubject(text, sentence, expression.end) ?? expression.end) : expression.end;
    const previous = groups.at(-1);
    // Expressions in one clause ("probably will", "is likely to … will") make one candidate.
    if (previous && start <= previous.clause.end && previous.clause.end > expression.start) {
      previous.expressions.push(expression);
      previous.clause.end = Math.max(previous.clause.end, clauseEnd(text, sentence, endFrom, starts));
      continue;
    }
    // A clause that would reach back into the previous one starts where that one ends (", we doubt this will …").
    if (previous && start < previous.clause.end && expression.start >= previous.clause.end)
      start = skipOpeners(
        text,
        sentence,
        previous.clause.end + (/^[\s,;:–—-]*/.exec(text.slice(previous.clause.end, expression.start))?.[0].length ?? 0),
        expression.start,
      );
    else if (previous && start < previous.clause.end)
      previous.clause.end = Math.min(previous.clause.end, Math.max(previous.clause.start + 1, start));
    groups.push({
      expressions: [expression],
      clause: { start: Math.min(start, expression.start), end: clauseEnd(text, sentence, endFrom, starts) },
    });
  }
  return groups;
}

/**
 * Estimative cues the lexicon has no entry for (or only in forms a sentence does not use): "Clingendael also expects",
 * "the analysis suggests an increase", "favoured to win". Only for the learned scorer's generator, in a sentence where
 * the lexicon matched nothing at all.
 */
const CUE =
  /\b(?:expects?|expected|expecting|anticipates?|anticipated|forecasts?|forecasted|projects?|projected|predicts?|predicted|foresees?|suggests?|points?\s+to|favou?red|prospects?|outlook|chances?|odds|likelihood|probability|risks?|possible|potential(?:ly)?|plans?\s+to|intends?\s+to|aims?\s+to|on\s+course|on\s+track|looming|ahead)\b/gi;
const CUE_FAMILY: [RegExp, ExpressionFamily][] = [
  [/^(?:chances?|odds|likelihood|probability|prospects?)$/i, 'scale'],
  [/^(?:risks?|possible|potential(?:ly)?)$/i, 'possibility'],
  [/^(?:outlook|looming|ahead|on\s+course|on\s+track|plans?\s+to|intends?\s+to|aims?\s+to)$/i, 'will'],
];

function cueExpressions(text: string, sentence: Sentence, quoted: readonly Span[]): Expression[] {
  const cues: Expression[] = [];
  for (const match of text.slice(sentence.start, sentence.end).matchAll(CUE)) {
    const start = sentence.start + match.index;
    const end = start + match[0].length;
    if (quoted.some((stretch) => start >= stretch.start && end <= stretch.end)) continue;
    const family = CUE_FAMILY.find(([pattern]) => pattern.test(match[0]))?.[1] ?? 'frame';
    const words = match[0].toLowerCase().replace(/\s+/g, ' ');
    cues.push({
      start,
      end,
      entry: { pattern: CUE, family, words },
      text: match[0],
      words,
      family,
      negated: /\b(?:not|never|no longer)\s+$/i.test(text.slice(Math.max(sentence.start, start - 12), start)),
      past: false,
      nounEstimate: false,
      rejectedBy: 'no-lexicon-entry',
    });
    // One cue a sentence: the first, which usually carries the frame.
    break;
  }
  return cues;
}

const PAST_VERB_IN_CLAUSE = /\b(?:was|were|had|did|been)\b|\b\w{3,}ed\b/i;

/** The first word of a clause, as the learned scorer reads its subject. */
function subjectType(sentence: Sentence, clause: Span, head: Expression): string {
  const first = sentence.tokens.find((token) => token.start >= clause.start && token.pos !== 'PUNCT');
  if (!first || first.start >= head.start) return 'expression';
  if (/^(?:we|i|our|us)$/.test(first.lower)) return 'first-person';
  if (first.lower === 'it') return 'it';
  if (first.lower === 'there') return 'there';
  if (first.pos === 'PRON') return 'pronoun';
  if (first.pos === 'PROPN') return 'named';
  if (SUBJECT_LIKE.has(first.pos)) return 'noun';
  return 'other';
}

/** The candidate of one clause group, or null for a fragment; `source` says whether the rules propose it. */
function proposalOf(
  context: ExtractionContext,
  sentence: Sentence,
  group: ClauseGroup,
  reported: { from: number | null; kind: CandidateKind },
  source: CandidateSource,
): Proposal | null {
  const { text, scale, publishedOn, toCodePoints } = context;
  const ranked = group.expressions.reduce((best, expression) =>
    FAMILY_RANK[expression.family] > FAMILY_RANK[best.family] ||
    // "will be on course to fail": a fixed form right after a plain "will be" keeps its form (round 10).
    (expression.family === best.family &&
      /^(?:will|shall)$/i.test(best.text) &&
      expression.start > best.end &&
      (/^\s+be\s+$/i.test(text.slice(best.end, expression.start)) ||
        (/^\s+$/.test(text.slice(best.end, expression.start)) && /^be\s/i.test(expression.text))))
      ? expression
      : best,
  );
  // An adverb of possibility next to the modal it qualifies wins over it ("will perhaps", "could possibly"), as
  // "probably" does over "will".
  const adverb = group.expressions.find(
    (expression) =>
      /^(?:perhaps|possibly|potentially)$/i.test(expression.text) &&
      expression !== ranked &&
      ranked.family !== 'scale' &&
      ranked.family !== 'frame' &&
      (Math.abs(expression.start - ranked.end) <= 1 || Math.abs(ranked.start - expression.end) <= 1),
  );
  const head = adverb ?? ranked;
  const negated =
    group.expressions.some((expression) => expression.negated) && !/^(?:unlikely|improbable|doubtful|not likely)$/.test(head.words);
  // "probably will" reads as one expression spanning both words when they stand together.
  const adjacent = group.expressions.filter(
    (expression) => Math.abs(expression.start - head.end) <= 1 || Math.abs(head.start - expression.end) <= 1 || expression === head,
  );
  const expressionSpan = { start: Math.min(...adjacent.map((e) => e.start)), end: Math.max(...adjacent.map((e) => e.end)) };
  const clause = group.clause;
  // A clause cut down to a fragment by the next one ("U", "i") is no claim.
  if (!/\w+\W+\w+/.test(text.slice(clause.start, clause.end))) return null;
  let rejectedBy = group.expressions.find((expression) => expression.rejectedBy)?.rejectedBy ?? null;
  // An abstract cut off by "…" before its clause is complete ("Our base case is for prices to …"): the claim is
  // not there (round-5 labelling rule, applied in general in round 8).
  const beforeCut = /^(.*?)\s*(?:…|\.\.\.)$/s.exec(text.slice(clause.start, Math.min(sentence.end, clause.end + 5)).trimEnd());
  if (beforeCut && /\b(?:to|of|the|a|an|and|or|for|in|on|with|by|that|at|from|is|are|will|be)$/i.test(beforeCut[1])) {
    if (source === 'rules') source = 'rejected';
    rejectedBy = 'cut-abstract';
  }
  const quote = text.slice(clause.start, clause.end);
  const kind =
    reported.from !== null && head.start >= reported.from ? reported.kind : kindOf(text, sentence, clause, head, group.expressions);
  const horizon = publishedOn ? horizonOf(findHorizons(text, clause, publishedOn)) : null;
  const subject = subjectOf(sentence, clause);
  const statement = proposeStatement(subject ? `${text.slice(subject.start, subject.end)} ${quote}` : quote);
  const { actors: subjectActors, regions: subjectRegions } = subject
    ? actorsAndRegions(text, subject.start, subject.end)
    : { actors: [], regions: [] };
  const named = actorsAndRegions(text, clause.start, clause.end);
  const actors = [...new Set([...subjectActors, ...named.actors])];
  const regions = [...new Set([...subjectRegions, ...named.regions])];
  const confidence = confidenceOf(kind, head.family, quote, Boolean(horizon?.deadline));
  const sentenceText = text.slice(sentence.start, sentence.end);
  const wordCount = (value: string) => value.split(/\s+/).filter(Boolean).length;
  return {
    kind,
    sentence: { start: toCodePoints(sentence.start), end: toCodePoints(sentence.end) },
    clause: { start: toCodePoints(clause.start), end: toCodePoints(clause.end) },
    quote,
    statement,
    expression: {
      start: toCodePoints(expressionSpan.start),
      end: toCodePoints(expressionSpan.end),
      text: text.slice(expressionSpan.start, expressionSpan.end),
    },
    words: head.words,
    reading: reading(head.entry.readAs ?? head.words, scale),
    negated,
    statedProbability: statedProbability(quote),
    horizon: horizon
      ? {
          start: toCodePoints(horizon.start),
          end: toCodePoints(horizon.end),
          phrase: horizon.phrase,
          deadline: horizon.deadline,
          basis: horizon.basis,
        }
      : null,
    condition: kind === 'conditional_forecast' ? conditionOf(text, clause) : null,
    actors,
    regions,
    splits: kind === 'forecast' || kind === 'conditional_forecast' ? proposeSplits(statement, (value) => findEntities(value)) : [],
    confidence,
    learning: {
      source,
      rejectedBy: source === 'rules' ? null : rejectedBy,
      family: head.family,
      words: head.words,
      kind,
      ruleConfidence: confidence,
      negated,
      past: head.past,
      pastInClause: PAST_VERB_IN_CLAUSE.test(text.slice(head.end, clause.end)),
      subject: subjectType(sentence, clause, head),
      reported: reported.from !== null && head.start >= reported.from,
      reportingVerb: REPORTED.test(text.slice(sentence.start, head.start)),
      quoted: context.quoted.some((stretch) => head.start >= stretch.start && head.end <= stretch.end),
      condition: CONDITION.test(quote.replace(/^\s+/, '')),
      horizon: horizon !== null,
      deadline: Boolean(horizon?.deadline),
      position: text.length ? clause.start / text.length : 0,
      sentenceWords: wordCount(sentenceText),
      clauseWords: wordCount(quote),
      question: /\?["”’)]?\s*$/.test(sentenceText),
      headline: !/[.!?]["”’)]?\s*$/.test(sentenceText),
      expressions: group.expressions.length,
      firstPerson: /\b(?:we|our|us)\b/i.test(quote),
      figure: /\d/.test(quote),
      ...lexicalContext(text, clause.start, clause.end),
    },
  };
}

/**
 * The candidates of one sentence: one per clause that carries an estimative expression (the rules' proposals) and,
 * when the context generates for the learned scorer, one per clause whose expressions a rule turned down, or, in a
 * sentence with no lexicon match, one for an estimative cue.
 */
function proposalsOfSentence(
  context: ExtractionContext,
  sentence: Sentence,
  report: () => { from: number | null; kind?: CandidateKind } = () => ({ from: null }),
): Proposal[] {
  const { text, publishedOn } = context;
  const rejected: Expression[] = [];
  const expressions = findExpressions(text, sentence, context.quoted, publishedOn, context.generate ? rejected : undefined);
  const cues = context.generate && expressions.length === 0 && rejected.length === 0 ? cueExpressions(text, sentence, context.quoted) : [];
  if (expressions.length === 0 && rejected.length === 0 && cues.length === 0) return [];
  // Where a report from someone else starts, read only for a sentence that has an expression (round 8, for speed).
  const { from: reportedFrom, kind: reportedKind = 'observation' } = report();
  const reported = { from: reportedFrom, kind: reportedKind };
  const starts = new Set(expressions.map((expression) => expression.start));
  const groups = clauseGroups(text, sentence, expressions, starts);
  governedClauses(text, sentence, groups, starts);
  const proposals: Proposal[] = [];
  for (const group of groups) {
    const proposal = proposalOf(context, sentence, group, reported, 'rules');
    // A clause the rules turn down after grouping (a cut abstract) is a candidate for the scorer only.
    if (proposal && (context.generate || proposal.learning.source === 'rules')) proposals.push(proposal);
  }
  if (!context.generate) return proposals;
  // Turned-down matches outside the rules' clauses, longest first, one per stretch of text.
  const inRuleClause = (expression: Expression) =>
    groups.some((group) => expression.start < group.clause.end && group.clause.start < expression.end);
  const extras: Expression[] = [];
  for (const expression of [...rejected, ...cues].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start))
    if (!inRuleClause(expression) && !extras.some((other) => expression.start < other.end && other.start < expression.end))
      extras.push(expression);
  if (extras.length === 0) return proposals;
  extras.sort((a, b) => a.start - b.start);
  const extraStarts = new Set([...starts, ...extras.map((expression) => expression.start)]);
  const extraGroups = clauseGroups(text, sentence, extras, extraStarts).filter(
    (extra) => !groups.some((group) => sameClaim(extra.clause, group.clause)),
  );
  for (const group of extraGroups) {
    const proposal = proposalOf(context, sentence, group, reported, cues.includes(group.expressions[0]) ? 'cue' : 'rejected');
    if (proposal) proposals.push(proposal);
  }
  return proposals.sort((a, b) => a.clause.start - b.clause.start);
}

/** The candidates paragraph by paragraph (or line by line): each step is short, whatever the text's length. */
function* proposalGroups(
  text: string,
  options: ExtractionOptions,
  { generate = MODEL.role === 'filter', decide = MODEL.role !== 'off' }: { generate?: boolean; decide?: boolean } = {},
): Generator<Proposal[]> {
  const context = contextOf(text, options, generate);
  for (const sentences of sentenceGroups(text)) {
    let reporting = false;
    const proposals: Proposal[] = [];
    let pastFuture = false;
    for (const sentence of sentences) {
      const sentenceText = text.slice(sentence.start, sentence.end);
      // A past prediction quoted to be scored, and a "would" with no condition that carries on a future in the past
      // ("We correctly predicted that demand would fall. This shift would inevitably hurt …"): the past (round 8).
      const past: boolean =
        (context.scored && SCORED_PREDICTION.test(sentenceText)) ||
        (pastFuture && /\bwould\b|\bwouldn['’]t\b/i.test(sentenceText) && !/\b(?:if|unless|will|shall)\b|['’]ll\b/i.test(sentenceText));
      // Whether a report carries on is read for every sentence; where a report starts, only in one with an expression.
      const carried = reportCarries(text, sentence, reporting);
      const report = () => (past || carried ? { from: sentence.start } : reportedFrom(text, sentence));
      pastFuture = (/ould/.test(sentenceText) && PAST_FUTURE.test(sentenceText)) || (pastFuture && past);
      reporting = carried;
      proposals.push(...proposalsOfSentence(context, sentence, report));
    }
    yield decide ? decided(proposals, MODEL) : proposals;
  }
}

/**
 * The model's part. Role `confidence`: the rules' proposals stay as they are, each prediction's confidence becomes
 * the model's probability (on new texts it ranks right proposals above wrong ones better than the rules' own
 * confidence: docs/extraction.md, "The confidence"). Role `filter`: also, the generator's candidates of a prediction
 * kind below the threshold are not proposed. Kind and words stay the rules'; observations, recommendations and
 * questions keep the rules' confidence (the model was trained on predictions only).
 */
function decided(proposals: readonly Proposal[], model: ExtractionModel): Proposal[] {
  const kept: Proposal[] = [];
  for (const proposal of proposals) {
    if (!isPrediction(proposal.kind)) {
      if (proposal.learning.source === 'rules') kept.push(proposal);
      continue;
    }
    const probability = probabilityOf(model.weights, candidateFeatures(proposal.learning));
    const confidence = Math.round(probability * 100) / 100;
    if (model.role === 'confidence' ? proposal.learning.source === 'rules' : probability >= model.threshold)
      kept.push({ ...proposal, confidence });
  }
  return kept;
}

const numbered = (proposals: readonly Proposal[]): ForecastCandidateProposal[] =>
  proposals.map(({ learning: _learning, ...proposal }, index) => ({ ordinal: index + 1, ...proposal }));

/** A generated candidate as the learned scorer's training sees it: the proposal and what the generator knows of it. */
export interface GeneratedCandidate {
  clause: Span;
  words: string | null;
  kind: CandidateKind;
  info: CandidateInfo;
}

/**
 * Every candidate of the high-recall generator (the rules' proposals, the clauses of lexicon matches a rule turned
 * down, estimative cues in sentences the lexicon misses), undecided: what `npm run train:extraction` learns from.
 */
export function generateCandidates(text: string, options: ExtractionOptions = {}): GeneratedCandidate[] {
  return [...proposalGroups(text, options, { generate: true, decide: false })]
    .flat()
    .map((proposal) => ({ clause: proposal.clause, words: proposal.words, kind: proposal.kind, info: proposal.learning }));
}

/**
 * Proposes the forecasts of a text: every clause carrying an estimative expression, with the
 * expression read on a scale, the horizon turned into a deadline, the actors and regions it names,
 * suggested atomic splits and a confidence. Pure and deterministic: the same text and options give
 * the same candidates, byte for byte.
 */
export function extractForecasts(text: string, options: ExtractionOptions = {}): ForecastCandidateProposal[] {
  return numbered([...proposalGroups(text, options)].flat());
}

/**
 * The same candidates as extractForecasts, computed in slices of about `sliceMs` milliseconds with
 * the event loop let through between them: a 100-page document does not hold up the other requests
 * the process serves (docs/extraction.md gives the measured delays).
 */
export async function extractForecastsInSlices(
  text: string,
  options: ExtractionOptions = {},
  { sliceMs = 10 }: { sliceMs?: number } = {},
): Promise<ForecastCandidateProposal[]> {
  const proposals: Proposal[] = [];
  let sliceStarted = performance.now();
  for (const group of proposalGroups(text, options)) {
    proposals.push(...group);
    if (performance.now() - sliceStarted >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
  return numbered(proposals);
}

/** The kinds that are predictions (what the bench counts as detected forecasts). */
export const isPrediction = (kind: CandidateKind) => kind === 'forecast' || kind === 'conditional_forecast';
