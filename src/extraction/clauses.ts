import type { Sentence, Token } from './sentences.js';
import type { Span } from './text-spans.js';

export const SUBJECT_LIKE = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'ADJ', 'NUM']);
/** Wh-words open an embedded question or relative ("… and which systems are most effective"), not a new claim. */
const WH_WORD = /^(?:which|what|how|who|whom|whose|whether|where|when|why|such)$/;
const VERBAL = new Set(['VERB', 'AUX']);
const MODALS = /^(?:will|shall|would|may|might|could|can|should|must|won|wo)$/;

/** Words that introduce a reported or judged content clause: "means that", "we assess that". */
const CONTENT_VERBS =
  /\b(?:means?|meant|suggests?|indicates?|shows?|implies|think|thinks|believe|believes|expect|expects|anticipate|anticipates|foresee|foresees|assess|assesses|judge|judges|say|says|said|argue|argues|argued|assume|assumes|assumed|predict|predicts|predicted|fear|fears|hope|hopes|clear|projects|forecasts|estimates|concluded|concludes|notes|noted|warns|warned|likely|unlikely|possible|certain|doubt|doubts|announced|declared|stated|promised|pledged|agreed|decided|claimed|insisted|reported|revealed|confirmed|signals?|signall?ed|of the (?:view|opinion|belief))\s+that\s+$/i;
/** Nouns of a forecaster's judgement with their content: "Our baseline scenario is that …", "The consensus view is that …". */
const CONTENT_NOUNS =
  /\b(?:scenario|case|forecast|view|expectation|assumption|projection|outlook|judg(?:e)?ment|assessment|bet|guess|sense|conclusion)\s+(?:\w+\s+)?(?:is|remains)\s+that\s+$|\b(?:support|supports|supported|reinforce|reinforces|confirm|confirms|strengthen|strengthens|back|backs|underpin|underpins)\s+(?:the|our)\s+(?:view|expectation|assessment|judg(?:e)?ment|forecast)\s+that\s+$|\bit\s+is\s+(?:also\s+)?(?:our|my|the\s+\w+['’]s)\s+(?:(?:considered|firm|strong)\s+)?(?:view|contention|judge?ment|assessment|expectation|belief|conclusion|opinion)\s+that\s+$/i;
/** Verbs of meaning and judging that take their content clause without "that". */
const CONTENT_VERB_BARE =
  /\b(?:means|meant|mean|suggests|implies|indicates|signals|think|thinks|believe|believes|assume|assumes|reckon|suspect|suspects|fear|fears|hope|hopes|argue|argues|judge|judges|assess|assesses|conclude|concludes)\s+(?!that\b)/gi;
const FIRST_PERSON_FRAME = /\b(?:I|we|We)\s+(?:still\s+)?(?:think|believe|assess|judge|suspect|reckon|doubt|consider)\s+(?:that\s+)?$/;
/** The same frame opening the sentence, before an adverbial or a condition ("But I think on the day, if …, they would …"). */
const LEADING_FRAME =
  /^\s*(?:(?:[Bb]ut|[Aa]nd|[Ss]o|[Yy]et|[Ss]till|[Hh]owever),?\s+)?(?:I|we|We)\s+(?:still\s+)?(?:think|believe|assess|judge|suspect|reckon|consider)\s+(?:that\s+)?(?=[^,]*,)/;

/** Openers that are not part of the claim: connectives, and adverbials that end in a comma. */
const CONNECTIVE =
  /^(?:however|nevertheless|nonetheless|thus|moreover|furthermore|therefore|consequently|meanwhile|similarly|overall|instead|still|yet|also|hence|indeed|in addition|in particular|at the same time|as a result|most significantly|above all|in turn|in short|finally|first|second|third|on the upside|on the downside|of course|by contrast|in contrast|for now|then|so|but|and)\b[,]?\s*/i;
const CONDITION_OPENER =
  /^(?:if|unless|provided|as long as|in case|in the event|in the absence of|with\s+(?:this|that|these|such\s+an?)\s+(?:(?:policy\s+)?(?:rate\s+)?paths?|assumptions?|trajector(?:y|ies))\s+(?:for|of)|barring|once|should|whether|even if|only if|(?:absent|failing)\s+(?=(?:a|an|the|any|further|new|major|significant|some)\b))\b/i;
/** A condition opened at the start of a stretch or after one of its commas ("on the day, if it was …"), which a later comma may not close. */
const OPEN_CONDITION =
  /(?:^\s*|,\s+)(?:if|unless|provided that|as long as|in case|in the event|in the absence of|barring|even if|only if)\b|^\s*should\b/i;

/**
 * Dashes that break the sentence into clauses: a single dash (" – ", " - ", " -- ", or an unspaced
 * em dash "nothing—keeping …"). Two dashes of one kind in a sentence enclose an aside, which stays in
 * its clause ("however -- assuming U.S. intervention -- would be").
 */
export function dashBreaks(text: string, sentence: Sentence, { pairsToo = false } = {}): Span[] {
  const dashes: (Span & { kind: string })[] = [];
  for (const match of text.slice(sentence.start, sentence.end).matchAll(/\s--\s+|\s[–—]\s+|\s-\s+|(?<=\w)—(?=\w)/g)) {
    const at = sentence.start + match.index;
    dashes.push({ start: at, end: at + match[0].length, kind: match[0].trim() });
  }
  const pair = (kind: string) => dashes.filter((dash) => dash.kind === kind);
  // A pair followed by a conjunction ("– Centre according to my thesis – so the latter …") is not an aside.
  const aside = (kind: string) => {
    const both = pair(kind);
    return both.length === 2 && !/^(?:so|and|but|or|yet|while|whereas|which|because|although|though)\b/i.test(text.slice(both[1].end));
  };
  return dashes.filter((dash) => pairsToo || !aside(dash.kind));
}

/** "the current unresolved but peaceful situation": two modifiers of one noun, not two clauses. */
function joinsModifiers(sentence: Sentence, conjunctionStart: number, nextStart: number): boolean {
  const before = sentence.tokens.filter((token) => token.end <= conjunctionStart).at(-1);
  const after = sentence.tokens.find((token) => token.start >= nextStart);
  return Boolean(before && after && after.pos === 'ADJ' && (before.pos === 'ADJ' || /ed$/.test(before.lower)));
}

/** A subject, then only its copula or auxiliaries before the expression ("and the same is likely to …"), round 8. */
function subjectThenCopula(own: readonly Token[]): boolean {
  const verbAt = own.findIndex((token) => VERBAL.has(token.pos));
  return (
    verbAt > 0 &&
    /^(?:is|are|was|were|'s|’s|'re|’re|remains?|seems?|looks?|appears?)$/.test(own[verbAt].lower) &&
    own.slice(verbAt + 1).every((token) => token.pos === 'ADV' || token.pos === 'PART' || token.pos === 'AUX')
  );
}

export const tokensIn = (sentence: Sentence, start: number, end: number) =>
  sentence.tokens.filter((token) => token.start >= start && token.end <= end);
const hasVerb = (tokens: readonly Token[]) => tokens.some((token) => VERBAL.has(token.pos) && !/ing$/.test(token.lower));

/** True when, after a conjunction at `from`, a new clause starts: a subject (or a new modal) followed by a verb before any punctuation. */
export function newClauseFollows(sentence: Sentence, from: number, expressionStarts: ReadonlySet<number>): boolean {
  const after = sentence.tokens.filter((token) => token.start >= from);
  let index = 0;
  while (index < after.length && (after[index].pos === 'ADV' || after[index].pos === 'CCONJ') && !WH_WORD.test(after[index].lower))
    index += 1;
  // "…, and by 2026 it would be …": a short adverbial of time or place before the new subject (round 7).
  if (after[index]?.pos === 'ADP' && !/^(?:of|to|as|than|with|like)$/.test(after[index].lower)) {
    let look = index + 1;
    while (look < after.length && look <= index + 4 && /^(?:DET|NUM|NOUN|PROPN|ADJ)$/.test(after[look].pos)) look += 1;
    if (look > index + 1 && after[look] && /^(?:PRON|DET|PROPN|NOUN)$/.test(after[look].pos) && after[look].pos !== after[look - 1].pos)
      index = look;
    else if (look > index + 1 && after[look]?.text === ',') index = look + 1;
  }
  const first = after[index];
  if (!first) return false;
  if (expressionStarts.has(first.start) || MODALS.test(first.lower)) return true;
  // "…, but reinforces the president's image": a second finite predicate of the same subject.
  if (
    first.pos === 'VERB' &&
    /(?:[^s]s|ed)$/.test(first.lower) &&
    sentence.tokens.filter((token) => token.end <= from).at(-1)?.lower === 'but'
  )
    return true;
  // "…, but is likely to retain …": a predicate of the same subject with an estimate of its own.
  if (/^(?:is|are|was|were|'s|’s)$/.test(first.lower)) {
    const next = after.slice(index + 1, index + 4).find((token) => token.pos !== 'ADV' || expressionStarts.has(token.start));
    if (next && expressionStarts.has(next.start)) return true;
  }
  if (!SUBJECT_LIKE.has(first.pos) || WH_WORD.test(first.lower)) return false;
  // A long subject ("the European Union's trade talks with the United States are …") may run past ten words.
  for (let look = index + 1; look < Math.min(after.length, index + 14); look += 1) {
    const token = after[look];
    if (expressionStarts.has(token.start)) return true;
    // A hyphen inside a word ("US-Russia relations") does not end the phrase.
    const inWord = token.text === '-' && token.start === after[look - 1]?.end && after[look + 1]?.start === token.end;
    if (token.pos === 'PUNCT' && token.text !== '’' && token.text !== "'" && !inWord) return false;
    // "… and parliamentary elections to interfere": an infinitive, not a new clause.
    if (token.lower === 'to' && after[look + 1]?.pos === 'VERB') return false;
    // An all-capitals word tagged as a verb is an acronym ("IS" for Islamic State).
    if (VERBAL.has(token.pos) && !/ing$/.test(token.lower) && token.text !== token.text.toUpperCase()) return true;
  }
  return false;
}

/**
 * Where the clause holding an expression starts: after the last clause boundary before it (a
 * semicolon, colon or dash; a comma and conjunction that follow a full clause; a "that" after a
 * verb of saying or judging), then past openers that are not the claim ("However,", "In 2024,").
 * A condition ("if …,") that opens the clause stays in it.
 */
export function clauseStart(text: string, sentence: Sentence, expressionStart: number): number {
  const before = text.slice(sentence.start, expressionStart);
  let start = sentence.start;
  const boundaries: number[] = [];
  for (const match of before.matchAll(/;\s+|:(?!\s*\(?(?:1|i|a)[.)])\s+/g)) boundaries.push(sentence.start + match.index + match[0].length);
  for (const dash of dashBreaks(text, sentence)) if (dash.end <= expressionStart) boundaries.push(dash.end);
  // A speaker's quotation closes before its attribution ("…,” Dr Chipman will caution).
  for (const match of before.matchAll(/,[”"]\s+/g)) boundaries.push(sentence.start + match.index + match[0].length);
  // An absolute clause after "with" ("…, with the project now likely to be completed by end-2021").
  for (const match of before.matchAll(/,\s+with\s+/gi)) {
    const own = tokensIn(sentence, sentence.start + match.index + match[0].length, expressionStart);
    if (own.length > 0 && own.length <= 8 && !hasVerb(own)) boundaries.push(sentence.start + match.index + match[0].length);
  }
  for (const match of before.matchAll(
    /,\s+(?:and|but|or|while|whereas|although|though|so|yet|as|since|because|nor|and then|and instead)\s+|\s(?:and instead|and then|but)\s+/gi,
  )) {
    const at = sentence.start + match.index;
    const previous = Math.max(sentence.start, ...boundaries.filter((boundary) => boundary <= at));
    // "between Russia, Iran, and North Korea": the last item of a list of names, not a new clause.
    const nameBefore = sentence.tokens.filter((token) => token.end <= at).at(-1);
    const nameAfter = sentence.tokens.find((token) => token.start >= at + match[0].length);
    if (nameBefore?.pos === 'PROPN' && nameAfter?.pos === 'PROPN') continue;
    // "if it was a choice between being in office, and being out, they would …": the "and" is inside the condition.
    if (hasVerb(tokensIn(sentence, previous, at)) && !OPEN_CONDITION.test(text.slice(previous, at))) boundaries.push(at + match[0].length);
  }
  // "… reached its pre-pandemic level in 2021 and all Member States are projected to …": "and", then a new subject.
  for (const match of before.matchAll(/\s(?:and|but)\s+/gi)) {
    const at = sentence.start + match.index;
    const previous = Math.max(sentence.start, ...boundaries.filter((boundary) => boundary <= at));
    const own = tokensIn(sentence, at + match[0].length, expressionStart);
    const last = tokensIn(sentence, previous, at).at(-1);
    if (
      hasVerb(tokensIn(sentence, previous, at)) &&
      // "with Brussels and Washington": two nouns of one phrase, not a new subject.
      last?.pos !== own[0]?.pos &&
      // "Russia, Iran, and North Korea": the last name of a list.
      !(
        own[0]?.pos === 'PROPN' &&
        tokensIn(sentence, previous, at)
          .filter((token) => token.pos !== 'PUNCT')
          .at(-1)?.pos === 'PROPN'
      ) &&
      !joinsModifiers(sentence, at, at + match[0].length) &&
      own.length > 0 &&
      own.length <= 12 &&
      SUBJECT_LIKE.has(own[0].pos) &&
      !WH_WORD.test(own[0].lower) &&
      (!hasVerb(own) || subjectThenCopula(own)) &&
      !OPEN_CONDITION.test(text.slice(previous, at))
    )
      boundaries.push(at + match[0].length);
  }
  for (const match of before.matchAll(/\bthat\s+/gi)) {
    const upTo = before.slice(0, match.index + match[0].length);
    const after = sentence.tokens.find((token) => token.start >= sentence.start + match.index + match[0].length);
    // "and that will help growth": "that" is the subject (a pronoun), not a conjunction; the clause starts at it.
    const pronoun = Boolean(after && (VERBAL.has(after.pos) || MODALS.test(after.lower)));
    if (/\b(?:and|or|but)\s+that\s+$/i.test(upTo) && pronoun) boundaries.push(sentence.start + match.index);
    // "… so that CPIF inflation can be expected to …": a clause of result starts at its subject (round 10).
    else if (CONTENT_VERBS.test(upTo) || CONTENT_NOUNS.test(upTo) || /\b(?:and|or|but|so)\s+that\s+$/i.test(upTo))
      boundaries.push(sentence.start + match.index + match[0].length);
  }
  // The same verbs without their "that" ("…, which means the fighting will resume", "Analysts think prices will …"):
  // the clause starts at the subject that follows, when a short noun phrase with no verb stands between.
  for (const match of before.matchAll(CONTENT_VERB_BARE)) {
    const at = sentence.start + match.index + match[0].length;
    const own = tokensIn(sentence, at, expressionStart);
    // The subject, then at most a copula before the expression ("believe conflict is imminent").
    const firstVerb = own.findIndex((token) => VERBAL.has(token.pos));
    const subject = firstVerb < 0 ? own : own.slice(0, firstVerb);
    const copulaOnly = own.slice(subject.length).every((token) => token.pos === 'AUX' || token.pos === 'ADV');
    if (
      subject.length > 0 &&
      subject.length <= 8 &&
      SUBJECT_LIKE.has(subject[0].pos) &&
      subject[0].pos !== 'ADJ' &&
      subject[0].lower !== 'that' &&
      copulaOnly
    )
      boundaries.push(at);
  }
  // A reprinted release: "Fitch says it expects …" is the institution's own frame after its "says" (round 8).
  const release = /\b(?:says|said|adds|added|states|stated)\s+(?:that\s+)?(?=it\s+(?:(?:now|also|still)\s+)?$)/i.exec(before);
  if (release) boundaries.push(sentence.start + release.index + release[0].length);
  // A copula that names what the relative clause predicts of ("These are the developments that influenced 2015's
  // threat picture and that will continue to do so"): the whole sentence is the claim (round 14).
  if (
    /^\W*(?:These|Those|This|They|It|That)\s+(?:are|is|were|was)\s+(?:the|some\s+of\s+the|among\s+the)\s+[^,;:]{1,120}\b(?:that|which|who)\s+$/.test(
      before,
    )
  )
    return skipOpeners(text, sentence, sentence.start, expressionStart);
  // A free relative: "an illustration of what is likely to continue".
  const freeRelative = /\bwhat\s+(?:is|are|was|were)\s+$/i.exec(before);
  if (freeRelative) return sentence.start + freeRelative.index;
  // A predicate with its own modal after "and" shares the subject but is a claim of its own: "… and will seek to …".
  const coordinated = /(?:,\s+|\s)(?:and|but|or)\s+(?:(?:then|also|still|even|thus|so)\s+)?$/i.exec(before);
  if (
    coordinated &&
    hasVerb(tokensIn(sentence, sentence.start, sentence.start + coordinated.index)) &&
    // "Relations … are and will remain adversarial": one predicate shared by both verbs.
    !/\b(?:is|are|was|were|has|have|had|be|been)\s*$/i.test(before.slice(0, coordinated.index)) &&
    // "… are features that predate him and look set to outlast him": a second predicate with no modal of its own
    // (a copula and its participle) shares the sentence's subject, which its span keeps (round 7).
    !/^(?:is|are|looks?|seems?|appears?|remains?)\s/i.test(text.slice(expressionStart, expressionStart + 12))
  )
    return sentence.start + coordinated.index + coordinated[0].length;
  const frame = FIRST_PERSON_FRAME.exec(before) ?? LEADING_FRAME.exec(before);
  if (frame) boundaries.push(sentence.start + frame.index + frame[0].length);
  // A comma that closes a full clause before the expression's own clause ("…, an effort that will …").
  for (const match of before.matchAll(/,\s+/g)) {
    const at = sentence.start + match.index;
    const previous = Math.max(sentence.start, ...boundaries.filter((boundary) => boundary <= at));
    const own = tokensIn(sentence, at + match[0].length, expressionStart);
    const openerIsCondition = CONDITION_OPENER.test(text.slice(previous, at).trim()) || OPEN_CONDITION.test(text.slice(previous, at));
    const listOfNames = own[0]?.pos === 'PROPN' && sentence.tokens.filter((token) => token.end <= at).at(-1)?.pos === 'PROPN';
    if (
      !listOfNames &&
      !openerIsCondition &&
      hasVerb(tokensIn(sentence, previous, at)) &&
      own.length > 0 &&
      SUBJECT_LIKE.has(own[0].pos) &&
      own.length <= 12 &&
      !hasVerb(own.filter((token) => token.start < expressionStart))
    )
      boundaries.push(at + match[0].length);
  }
  // A non-restrictive relative clause that carries the estimate is a clause of its own (", which is likely to hold"),
  // whatever the tagger made of the verb before it; one closed by a comma is an aside of the subject.
  for (const match of before.matchAll(/,\s+(?=(?:which|who)\s)/gi)) {
    const at = sentence.start + match.index + match[0].length;
    if (!text.slice(at, expressionStart).includes(',')) boundaries.push(at);
  }
  if (boundaries.length) start = Math.max(...boundaries.filter((boundary) => boundary <= expressionStart), start);
  return skipOpeners(text, sentence, start, expressionStart);
}

/** True when the stretch ends with a comma followed only by the predicate's auxiliaries ("…, which began in June, is"). */
function asideRunsToPredicate(text: string, sentence: Sentence, from: number, limit: number): boolean {
  const lastComma = text.slice(from, limit).lastIndexOf(',');
  if (lastComma < 0) return false;
  return tokensIn(sentence, from + lastComma + 1, limit).every(
    (token) => token.pos === 'AUX' || token.pos === 'ADV' || token.pos === 'PART',
  );
}

export function skipOpeners(text: string, sentence: Sentence, start: number, limit: number): number {
  // A sentence that opens a new line starts after the line break (round 8: no stray "\n" at a span's start).
  const blank = /^\s+/.exec(text.slice(start, limit));
  if (blank && start + blank[0].length < limit) start += blank[0].length;
  // The opening mark of a signed comment ("“The deal will …”\n—Name") is not part of the claim.
  if (/^[“"]\S/.test(text.slice(start, limit))) start += 1;
  for (let guard = 0; guard < 6; guard += 1) {
    const rest = text.slice(start, limit);
    const connective = CONNECTIVE.exec(rest);
    if (connective && connective[0].length > 0 && start + connective[0].length <= limit) {
      start += connective[0].length;
      continue;
    }
    if (CONDITION_OPENER.test(rest)) return start;
    // A list marker ("- ", "• ", "2. ", "(b) ") is not part of the claim.
    const marker = /^(?:[-–—•·*▪◦]|\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)])\s+/i.exec(rest);
    if (marker && start + marker[0].length < limit) {
      start += marker[0].length;
      continue;
    }
    // A subordinating conjunction of reason or contrast opens a clause whose claim starts at its subject ("because Paris will block it").
    const subordinator = /^(?:because|since|although|though|whereas|while)\s+(?=\S)/i.exec(rest);
    if (subordinator && !/,/.test(text.slice(start, limit)) && start + subordinator[0].length < limit) {
      const next = tokensIn(sentence, start + subordinator[0].length, limit)[0];
      if (next && SUBJECT_LIKE.has(next.pos) && !WH_WORD.test(next.lower)) {
        start += subordinator[0].length;
        continue;
      }
    }
    // An adverbial of time or place with no comma before a pronoun subject ("by 2026 it would be …") is an opener too.
    const leading = tokensIn(sentence, start, limit);
    if (leading[0]?.pos === 'ADP' && !/^(?:of|to|as|than|with|like|if)$/.test(leading[0].lower)) {
      let look = 1;
      while (look < leading.length && look <= 4 && /^(?:DET|NUM|NOUN|PROPN|ADJ)$/.test(leading[look].pos)) look += 1;
      if (look > 1 && leading[look]?.pos === 'PRON' && /^(?:it|they|we|he|she|this|these)$/.test(leading[look].lower)) {
        start = leading[look].start;
        continue;
      }
    }
    // A title-case headline's "Why"/"How" frames its claim ("Why China-Russia Ties Will Deepen").
    const headlineWh = /^(?:Why|How)\s+(?=[A-Z])/.exec(rest);
    if (headlineWh && !/\?/.test(text.slice(start, sentence.end))) {
      start += headlineWh[0].length;
      continue;
    }
    // An opener up to a comma with no finite verb ("In 2024,", "Despite economic setbacks,"), or a
    // subordinate clause of time or reason ("As the pressures fade,").
    const comma = /^([^,;:]{1,120}?),\s+/.exec(rest);
    if (!comma || start + comma[0].length >= limit) return start;
    // "Most observers, I suspect, will be surprised", "Turkey, for its part, will …", "Kyiv's offensive, which began in
    // June, is unlikely …": the subject stands before an aside that runs up to the expression.
    if (/^(?:I|we)\s+(?:\w+\s+)?\w+,\s/.test(rest.slice(comma[0].length))) return start;
    if (
      !/^(?:as|while|although|though|because|since|after|before|following|given|despite|with|amid|in|on|at|for|by|during|over|under|compared|looking|beyond|unlike|if|unless|when|once)\b/i.test(
        comma[1],
      ) &&
      !hasVerb(tokensIn(sentence, start, start + comma[1].length)) &&
      asideRunsToPredicate(text, sentence, start + comma[0].length, limit) &&
      !CONNECTIVE.test(rest)
    )
      return start;
    const opener = tokensIn(sentence, start, start + comma[1].length);
    const subordinate =
      /^(?:as|while|although|though|because|since|after|before|following|given|despite|with|amid|in|on|at|for|by|during|over|under|compared|looking|beyond|unlike)\b/i.test(
        comma[1],
      );
    // "… between Russia, Iran, and North Korea": names in a list, not an opener.
    const afterComma = tokensIn(sentence, start + comma[0].length, limit).filter((token) => token.lower !== 'and' && token.lower !== 'or');
    if (opener.at(-1)?.pos === 'PROPN' && afterComma[0]?.pos === 'PROPN') return start;
    if (!subordinate && hasVerb(opener)) return start;
    start += comma[0].length;
  }
  return start;
}

/**
 * Where the clause ends: the sentence's end, a semicolon, colon or dash, a comma that opens a
 * relative clause or an example (", which", ", such as"), or a conjunction that starts a new clause.
 */
export function clauseEnd(text: string, sentence: Sentence, expressionEnd: number, expressionStarts: ReadonlySet<number>): number {
  // An attribution set off by commas right after the modal ("should, according to the Bundesbank's experts, rise …")
  // is inside the clause, which ends after the verb that follows it (round 15).
  const aside = /^\s*,\s*(?:according\s+to|in\s+the\s+view\s+of|in\s+our\s+view)\b[^,.;]{1,70},/i.exec(
    text.slice(expressionEnd, sentence.end),
  );
  if (
    aside &&
    /\b(?:will|would|should|could|may|might|must|can|shall)$/i.test(text.slice(Math.max(0, expressionEnd - 8), expressionEnd)) &&
    /^\s+(?:[a-z]+ly\s+)?(?!(?:which|who|that|and|but|or)\b)[a-z]+/.test(text.slice(expressionEnd + aside[0].length, sentence.end))
  )
    return clauseEnd(text, sentence, expressionEnd + aside[0].length, expressionStarts);
  const after = text.slice(expressionEnd, sentence.end);
  const ends: number[] = [sentence.end];
  const hard =
    /;(?:\s|$)|:(?!\s*\(?(?:1|i|a)[.)])(?:\s|$)|,\s+however\b(?!,\s+with\s)|,\s+(?:which|who|whom|whose|as observed|as seen|notably|not least|thereby|in part|according to)\b|,\s+(?:after|before|by|during|at|until|from|under|in)\s+which\b/i.exec(
      after,
    );
  if (hard) ends.push(expressionEnd + hard.index);
  // After the predicate any dash ends the clause ("… to the major coalition party – Centre according to my thesis – so …").
  const dash = dashBreaks(text, sentence, { pairsToo: true }).find((candidate) => candidate.start >= expressionEnd);
  // A condition after a dash ("… will benefit — unless the US makes an offer") is the clause's own and stays in (round 9).
  if (dash && !/^\s*(?:unless|if|provided|as\s+long\s+as|barring|in\s+the\s+event)\b/i.test(text.slice(dash.end, dash.end + 24)))
    ends.push(dash.start);
  // An attribution to the author's institution, inserted or trailing (", CBO estimates,", ", the IMF projects."), is a frame
  // left out; a span is one stretch, so an inserted one ends it (round-6 labelling rule).
  const attribution =
    /,\s+(?:the\s+)?(?:[A-Z][\w&.’'-]*\s+){1,4}(?:estimates|projects|expects|forecasts|anticipates|predicts|calculates|reckons|says|believes|thinks|assesses|judges)(?=\s*(?:[,.;:]|$))|,\s+(?:we|I)\s+(?:estimate|project|expect|forecast|anticipate|predict|calculate|reckon|think|believe|assess|judge)(?=\s*(?:[,.;:]|$))/.exec(
      after,
    );
  if (attribution) ends.push(expressionEnd + attribution.index);
  // A range of examples (", from artificial intelligence to 5G network rollouts") ends the clause like ", such as".
  const range = /,\s+from\s+[^,;]{1,60}?\s+to\s+\S/i.exec(after);
  if (range) ends.push(expressionEnd + range.index);
  // A trailing list of examples is not the claim; the same words as an aside inside it ("…, such as IS, are seen …") are.
  // ", to include …" names what a prediction extends to, like ", including …" (round 10).
  // ", given …" gives the grounds, not the claim (round 11, like ", not least given …").
  for (const example of after.matchAll(/,\s+(?:such as|for example|for instance|e\.g\.|including|to include|given)\b/gi)) {
    const rest = after.slice(example.index + example[0].length);
    if (!/,\s+(?:are|is|were|was|have|has|had|will|would|can|could|may|might|do|does)\b/.test(rest)) {
      ends.push(expressionEnd + example.index);
      break;
    }
  }
  // A comma followed by a new subject and verb starts another clause ("In an illustration of what is likely, aircraft struck …").
  for (const comma of after.matchAll(/,\s+/g)) {
    // A short aside between commas right after the expression ("will, in all likelihood, resist") stays in.
    const aside = /^,\s+[^,;:]{1,30},\s/.exec(after.slice(comma.index));
    if (
      aside &&
      comma.index < 3 &&
      !hasVerb(tokensIn(sentence, expressionEnd + comma.index + 1, expressionEnd + comma.index + aside[0].length - 2))
    )
      continue;
    // A condition's own list runs on ("…, if outside support is robust, the Ukrainians maintain …, and …").
    if (/(?:^|,\s+|\s)(?:if|unless)\s/i.test(after.slice(0, comma.index))) break;
    // A "with" phrase that adds a figure is not a clause ("…, with whole-year growth projected at 2.2 percent"), round 9.
    if (/^,\s+with\s+(?:[\w’'-]+\s+){1,6}?(?:projected|forecast|expected|estimated|seen|set)\s+(?:at|to)\b/i.test(after.slice(comma.index)))
      continue;
    if (newClauseFollows(sentence, expressionEnd + comma.index + comma[0].length, expressionStarts)) {
      ends.push(expressionEnd + comma.index);
      break;
    }
  }
  // "even as", "even though" and "now that" + a new subject and verb end it like "as" (round 8).
  for (const match of after.matchAll(
    /,?\s+(?:and|but|or|while|whereas|so|yet|although|though|because|whereby|as|since|even\s+as|even\s+though|now\s+that|at\s+the\s+same\s+time\s+as)\s+/gi,
  )) {
    const at = expressionEnd + match.index;
    // A condition after a dash runs on to the end of its own clause ("— unless the US and its allies make …"), round 9.
    if (/[—–]\s*(?:unless|if)\s/i.test(after.slice(0, match.index))) continue;
    // "as"/"since" open a clause of reason or time only before a subject of their own ("in 2025 as a recovery in real
    // incomes supports spending"), not a comparison ("as much as", "as well as", "such as") or a date ("since 2020").
    if (/^,?\s+(?:as|since)\s+$/i.test(match[0])) {
      const next = sentence.tokens.find((token) => token.start >= at + match[0].length);
      const previousWord = text.slice(Math.max(0, at - 12), at);
      if (
        !next ||
        !/^(?:DET|PRON|PROPN|NOUN)$/.test(next.pos) ||
        /\b(?:such|so|as|well|same|much|many|soon|long|far)\s*$/i.test(previousWord)
      )
        continue;
      // An "as" of time that dates the claim by a scheduled event stays in ("may get resolved as the Conference … gets
      // fully under way", "… as the election approaches"), round 5 and round 15.
      if (
        /^[^,;.]{1,80}?\b(?:gets?\s+(?:fully\s+)?under\s*way|begins?|starts?|opens?|approaches|nears|draws\s+(?:near|closer)|ends|closes|takes?\s+effect|comes?\s+into\s+force|kicks?\s+off)\b/i.test(
          text.slice(at + match[0].length, sentence.end),
        )
      )
        continue;
      if (
        /^(?:a\s+result|part|well|such|long|soon|much|many|far|of|to|for)\b/i.test(
          text.slice(at + match[0].length, at + match[0].length + 12),
        )
      )
        continue;
    }
    // "this may happen when his opponents are chosen and electors start to choose …": "and" without a comma after a
    // clause of time or condition joins that clause's own verbs (round 13), unless what follows has a modal of its own.
    if (/^\s+(?:and|or)\s+$/i.test(match[0]) && /\b(?:when|once|if|until|unless|as\s+soon\s+as)\s+\S/i.test(after.slice(0, match.index))) {
      const stop = /[,;:.!?–—]/.exec(text.slice(at + match[0].length, sentence.end));
      const nextEnd = stop ? at + match[0].length + stop.index : sentence.end;
      if (![...expressionStarts].some((start) => start > at && start < nextEnd)) continue;
    }
    const strong =
      /^,?\s+(?:at\s+the\s+same\s+time\s+as)\s/i.test(match[0]) ||
      /^,\s+(?:while|whereas|although|though|because|whereby)\s/i.test(match[0]) ||
      /^,?\s+(?:and|but|or)\s+that\s/i.test(match[0] + after.slice(match.index + match[0].length, match.index + match[0].length + 5));
    // "… is that one side or the other collapses": a conjunction before any verb of its clause joins subjects.
    const ownStart = Math.max(
      expressionEnd,
      ...[...after.slice(0, match.index).matchAll(/\bthat\s+/gi)].map((that) => expressionEnd + that.index + that[0].length),
    );
    if (!strong && ownStart > expressionEnd && !hasVerb(tokensIn(sentence, ownStart, at))) continue;
    if (
      strong ||
      (newClauseFollows(sentence, at + match[0].length, expressionStarts) && !joinsModifiers(sentence, at, at + match[0].length))
    ) {
      ends.push(at);
      break;
    }
  }
  const end = Math.min(...ends);
  let trimmed = end;
  // The closing mark of a signed comment after its full stop ("… markets.”") is not part of the claim (round 9).
  if (/[.!?][”"]$/.test(text.slice(Math.max(0, trimmed - 2), trimmed))) trimmed -= 1;
  while (trimmed > expressionEnd && /[\s.,;:!?–—-]/.test(text[trimmed - 1])) {
    // The full stop of an abbreviation ("the U.S.") is part of the words.
    if (text[trimmed - 1] === '.' && /(?:\b[A-Z]\.){2,}$/.test(text.slice(Math.max(0, trimmed - 8), trimmed))) break;
    trimmed -= 1;
  }
  return trimmed;
}

export type ClauseSpan = Span;
