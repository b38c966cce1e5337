/**
 * Estimative expressions: the words with which analysts say how probable something is. Each entry
 * finds an expression and gives the words as they are read on a probability scale
 * (src/probability: ICD 203 by default; words on no scale get a flagged suggestion).
 *
 * family says what the expression does to a clause:
 *  - scale: a word of estimative probability ("likely", "almost certainly") — the strongest signal;
 *  - will: a plain future ("will", "is set to", "is expected to");
 *  - possibility: "may", "could", "might", "cannot be ruled out";
 *  - conditional: "would";
 *  - obligation: "should", "must", "need to" (a recommendation, unless "should" is about a trend);
 *  - frame: "there is a risk that", whose clause follows it.
 */
export type ExpressionFamily = 'scale' | 'will' | 'possibility' | 'conditional' | 'obligation' | 'frame';

export interface LexiconEntry {
  pattern: RegExp;
  family: ExpressionFamily;
  /** The words as a scale reads them; a function of the match when the form varies ("highly likely"). */
  words: string | ((match: string) => string);
  negated?: boolean;
  /** Past forms ("was expected to") report an earlier expectation: an observation, not a forecast. */
  past?: (match: string) => boolean;
  /** Words the scale reads instead (a present tense carried into the future reads as "will"). */
  readAs?: string;
  /** Only in a headline or list item (a line without a closing full stop), where the copula is left out. */
  headlineOnly?: boolean;
  /** Only with a verb after it ("is due to pass", not "is due to the war"; "is about to rise", not "is about to"). */
  verbFollows?: boolean;
  /** A present tense that counts only with a future horizon in its clause ("the deficit remains above 3% next year"). */
  futureHorizon?: boolean;
  /** Only as a headline's "to" whose subject has no verb before it ("Global IT Spending to Reach …"). */
  headlineInfinitive?: boolean;
  /** Only with a future horizon in its clause ("Forecast prices in 2016 average …"; not "Forecast errors are large"). */
  horizonInClause?: boolean;
  /**
   * An institution's frame before its object: an infinitive ("expects prices to fall"), or a noun phrase that names a
   * change or an outcome, or has a future horizon ("is forecasting growth of 4% in 2027"); extract-forecasts checks it.
   */
  institutionObject?: boolean;
  /**
   * A present verb in a clause after ", as" whose main clause is about the coming year ("2016 will be an interesting
   * year for Southeast Asia, as the region braces for …"); extract-forecasts checks the main clause and the verb.
   */
  asClauseOfFuture?: boolean;
  /** Lower-case strings one of which the sentence must contain: a cheap test that spares the regex (round 8, for speed). */
  hints?: readonly string[];
}

const normalise = (match: string) => match.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
const COPULA = String.raw`(?:is|are|was|were|be|been|being|'s|’s|'re|’re|remains?|looks?|seems?|appears?)`;
const FILLER = String.raw`(?:(?:now|also|still|all|thus|therefore|currently|increasingly|widely|generally|further|again|only|even|nevertheless|nonetheless|however|indeed|likewise)\s+)*`;
/** Participles and adjectives that, after a copula and before "to", put the clause in the future ("is anticipated to", "is due to"). */
const FUTURE_PARTICIPLES =
  'going|set|poised|bound|expected|projected|forecast|forecasted|anticipated|predicted|scheduled|slated|tipped|favou?red|on track|on course';
const presentForms = (verbs: string) =>
  verbs
    .split('|')
    .map((verb) =>
      /(?:s|sh|ch|x)$/.test(verb) ? `${verb}(?:es)?` : /[^aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}(?:y|ies)` : `${verb}s?`,
    )
    .join('|');
/** Verbs of state, trend and prospect whose present tense can say what will happen (with a future horizon). */
const PRESENT_TREND_VERBS = [
  presentForms(
    'remain|stay|continue|persist|face|head|rise|fall|grow|slow|increase|decrease|decline|expand|contract|shrink|recover|rebound|improve|deteriorate|worsen|weaken|strengthen|ease|peak|average|exceed|climb|drop|accelerate|moderate|stabilise|stabilize|settle|edge|hover|outpace|lag|trail|expire|begin|start|end|become|spur|boost|lift|fuel|dent|drag',
  ),
  // Scheduled events ("The new rules take effect in January 2027", "The treaty enters into force next year").
  String.raw`takes?\s+(?:effect|place|office|power)`,
  String.raw`(?:comes?|enters?)\s+into\s+(?:force|effect)`,
].join('|');
const isPast = (match: string) => /\b(?:was|were|been)\b/i.test(match);

export const LEXICON: readonly LexiconEntry[] = [
  // Words of estimative probability (ICD 203 and its usual variants).
  { pattern: /\b(?:almost|nearly|virtually) certain(?:ly)?\b|\ball but certain(?:ly)?\b/gi, family: 'scale', words: normalise },
  // "victory is all but assured", "is virtually guaranteed" (round 11): forms on no list keep their form.
  {
    pattern: /\b(?:all\s+but|virtually|almost|practically)\s+(?:assured|guaranteed)\b/gi,
    hints: ['assured', 'guaranteed'],
    family: 'scale',
    words: normalise,
    readAs: 'almost certain',
  },
  // "the possibility of accidental hostilities with the U.S. remains high" (round 12): the noun carries the estimate.
  {
    pattern:
      /\b(?:the|a)\s+(?:possibility|risk|likelihood|probability|chance)\s+of\b(?=[^.;:]{1,100}?\b(?:remains?|is|are|stays?)\s+(?:very\s+|quite\s+)?(?:high|real|significant|considerable|strong|low|slim|remote)\b)/gi,
    hints: ['possibility', 'risk', 'likelihood', 'probability', 'chance'],
    family: 'scale',
    words: (match) => /(possibility|risk|likelihood|probability|chance)/i.exec(match)![1].toLowerCase(),
  },
  // A trend that "shows few signs of stopping in 2019" (round 14): the words as written, like `small chance`.
  {
    pattern: /(?<=\b(?:show|shows|showing|shown|display|displays)\s+)(?:few|little|no)\s+signs?\s+of\b/gi,
    hints: ['sign'],
    family: 'scale',
    words: normalise,
  },
  // A development that "threatens to expand" (round 14): its own course, not an actor's threat ("Russia threatened to cut
  // gas supplies" is past, and a threat to act is no verb of change).
  {
    pattern:
      /\bthreatens?\s+to\b(?=\s+(?:expand|spread|escalate|spill|worsen|deepen|derail|undermine|overwhelm|destabili[sz]e|unravel|erupt|intensify|grow|engulf|reignite|disrupt|collapse|boil)\b)/gi,
    hints: ['threaten'],
    family: 'will',
    words: 'threaten to',
    readAs: 'will',
  },
  // A list line's "Iraq: Most at risk of returning to civil war" (round 14): a superlative risk keeps its form.
  { pattern: /\bmost\s+at\s+risk\s+of\b/gi, hints: ['at risk'], family: 'scale', words: 'most at risk' },
  // A verbless heading that names a possible development ("Possible political instability in South Africa"), round 14.
  {
    pattern: /(?<=^|\n)(?:Possible|Probable|Likely)\b(?=\s+[a-z])/g,
    family: 'scale',
    words: normalise,
    headlineOnly: true,
  },
  // What a coming year brings in a clause after "as" (rounds 13 and 14): "…, as the region braces for changes in
  // government …", "… in 2019 as the nation tackles the ongoing refugee crisis …"; the words are the verb.
  {
    pattern:
      /(?<=(?:,\s+|(?<!\b(?:such|so|as|well|same|just|much|long|soon|far))\s+)as\s+(?:the|this|its|their|his|her|our|a|an)\s+(?:[\w’'-]+\s+){0,4})[a-z]+(?:es|s)\b/g,
    hints: [' as '],
    family: 'will',
    words: normalise,
    readAs: 'will',
    asClauseOfFuture: true,
  },
  // An election model's probability with its level ("David Cameron's chances of winning a majority have fallen back to
  // 10%", "The probability of a hung parliament is now up to 90%", "Their chances … are similar: 67%"), round 15: the
  // words are the figure as written.
  {
    pattern:
      /(?<=\b(?:chances?|probability|likelihood|odds)\s+(?:of|for)\b[^.;]{1,80}?(?:\b(?:is|are|stands?|stood)\s+(?:now\s+|still\s+)?(?:at\s+|(?:up|down)\s+to\s+)?|\b(?:has|have)\s+(?:now\s+)?(?:fallen|risen|dropped|climbed|increased|decreased|slipped|edged\s+(?:up|down))(?:\s+back)?\s+to\s+|:\s*))(?:(?:less|more)\s+than\s+|about\s+|around\s+|only\s+|just\s+|over\s+|under\s+)?\d{1,3}(?:\.\d+)?%/gi,
    hints: ['%'],
    family: 'scale',
    words: normalise,
  },
  // A forecaster's central case ("Our central forecast has them getting 34%", "our central forecast now has them winning").
  {
    pattern: /\bcentral\s+(?:forecast|projection|estimate|case)(?=\s+(?:now\s+|still\s+)?(?:has|sees|puts|shows|is)\b)/gi,
    hints: ['central'],
    family: 'scale',
    words: (match) => normalise(match),
  },
  // "With Joko Widodo all but set to get a second term" and "who clearly has the best odds" (round 15): the words as written.
  { pattern: /\b(?:all\s+but|virtually|practically)\s+set\s+to\b(?=\s+[a-z])/gi, hints: ['set to'], family: 'scale', words: normalise },
  {
    pattern:
      /(?<=\b(?:has|have|had)\s+(?:(?:clearly|easily|by\s+far)\s+)?(?:the\s+)?)(?:best|better|good|strong|slim|long|worst|longest)\s+odds\b/gi,
    hints: ['odds'],
    family: 'scale',
    words: normalise,
  },
  // A possibility or a risk that "remains" ("political violence remains a possibility", "… remains a real risk"), round 13;
  // not a risk to something ("inflation remains a risk to the outlook"), which names a factor.
  {
    pattern:
      /(?<=\b(?:remains?|remained)\s+(?:a\s+)?(?:(?:real|distinct|serious|strong|live|genuine|clear|significant|very\s+real)\s+)?)(?:possibility|risk|danger)\b(?!\s+(?:to|for|factor|factors)\b)/gi,
    hints: ['possibility', 'risk', 'danger'],
    family: 'scale',
    words: (match) => (/possibility/i.test(match) ? 'possibility' : 'there is a risk that'),
  },
  // "could potentially stop": the adverb next to the modal wins over it, like "could possibly" (round 11).
  {
    pattern: /(?<=\b(?:could|may|might|would|can)\s+)potentially\b/gi,
    hints: ['potentially'],
    family: 'possibility',
    words: 'potentially',
  },
  { pattern: /\b(?:very|highly) (?:likely|probable|probably)\b/gi, family: 'scale', words: normalise },
  { pattern: /\b(?:very|highly) (?:unlikely|improbable)\b/gi, family: 'scale', words: normalise },
  { pattern: /\bmost likely\b|\bin all likelihood\b/gi, family: 'scale', words: normalise },
  { pattern: /\bnot (?:very )?likely\b/gi, family: 'scale', words: 'not likely' },
  {
    pattern: /\bunlikely\b|\bimprobable\b|\bdoubtful\b/gi,
    family: 'scale',
    words: normalise,
    past: (match) => /\b(?:was|were)\b/.test(match),
  },
  { pattern: /\blikely\b|\bprobable\b/gi, family: 'scale', words: normalise },
  // "probably won't" reads `probably not`: the adverb wins over the modal and keeps the modal's negation (round 10).
  {
    pattern:
      /\b(?:most\s+|very\s+)?(?:probably|likely)\s+(?:won['’]t|will\s+not|wouldn['’]t|would\s+not|isn['’]t|aren['’]t|doesn['’]t|don['’]t)\b/gi,
    hints: ["n't", 'n’t', ' not'],
    family: 'scale',
    words: (match) => `${normalise(match).replace(/\s+\S+(?:\s+not)?$/, '')} not`,
    negated: true,
  },
  { pattern: /\bmost probably\b/gi, family: 'scale', words: 'most probably' },
  { pattern: /\bprobably\b/gi, family: 'scale', words: 'probably' },
  { pattern: /\b(?:roughly |about )?even (?:chance|odds)\b|\bfifty-fifty\b|\btoss-up\b/gi, family: 'scale', words: normalise },
  {
    pattern: /\b(?:almost|virtually) no chance\b|\bremote (?:chance|possibility)\b|\blittle chance\b/gi,
    family: 'scale',
    words: normalise,
  },
  { pattern: /\ba (?:sure|safe) bet\b/gi, family: 'scale', words: normalise },
  {
    pattern: /\b(?:is|are|'s|’s|'re|’re|looks?|seems?|appears?)\s+(?:all\s+but\s+|almost\s+|virtually\s+|now\s+)?(?:sure|certain)\s+to\b/gi,
    hints: ['sure', 'certain'],
    family: 'scale',
    // "is almost certain to emerge victorious" reads as the scale's `almost certain` (round 13), "is certain to" keeps its form.
    words: (match) => {
      const qualified = /\b(all\s+but|almost|virtually)\s+certain\b/i.exec(match);
      if (qualified) return normalise(`${qualified[1]} certain`);
      return /certain/i.test(match) ? 'certain to' : 'sure to';
    },
  },
  // The noun is kept as written: "a small chance that" reads `small chance`, "a high probability" `high probability`.
  { pattern: /\b(?:high|strong|good|real|significant) (?:probability|likelihood|chance)\b/gi, family: 'scale', words: normalise },
  { pattern: /\b(?:low|small|slim|slight) (?:probability|likelihood|chance)\b/gi, family: 'scale', words: normalise },
  // A comparative chance keeps its form ("have a better chance of negotiating", "a greater likelihood of default"), round-7 rule.
  {
    pattern:
      /\b(?:better|best|greater|higher|lower|smaller|fair|decent|reasonable|slimmer|worse) (?:probability|likelihood|chances?)\b(?=\s+(?:of|that|to)\b)/gi,
    family: 'scale',
    words: (match) => normalise(match).replace(/chances$/, 'chance'),
  },
  // The odds or the chances set on one side ("the odds favor a strong year", "the chances favour a deal"): a frame read as likely.
  {
    pattern: /\b(?:the\s+)?(?:odds|chances)\s+(?:now\s+|still\s+|clearly\s+)?favou?r\b/gi,
    family: 'frame',
    words: (match) => `${/chances/i.test(match) ? 'chances' : 'odds'} favor`,
    readAs: 'likely',
  },
  // A possibility as a noun ("a real possibility", "a distinct possibility", the UK yardstick's "realistic possibility").
  { pattern: /\b(?:real|realistic|distinct|strong|serious|genuine) possibility\b/gi, family: 'scale', words: normalise },
  { pattern: /\bin all probability\b/gi, family: 'scale', words: 'in all probability' },
  // "remote" said of an outcome ("A negotiated settlement seems remote"), not of a place ("a remote region").
  {
    pattern:
      /\b(?:is|are|seems?|looks?|appears?|remains?)\s+(?:(?:still|now|increasingly|very|rather|quite)\s+)?remote\b(?=\s*(?:[.,;:)]|$|at best|for now|now\b|in the\b))/gi,
    family: 'scale',
    words: 'remote',
  },
  // Inevitability keeps its form ("A recession is inevitable", "will inevitably lead to").
  { pattern: /\binevitabl[ey]\b/gi, family: 'scale', words: normalise },
  // "Chances are that …", "the odds are that …": the estimate opens its clause.
  {
    pattern: /\b(?:the\s+)?(?:chances|odds)\s+are\s+(?:that\b|(?=[a-z]))/gi,
    family: 'frame',
    words: (match) => `${/chances/i.test(match) ? 'chances' : 'odds'} are`,
    readAs: 'likely',
  },
  // Adverbs of certainty on no scale keep their form and outrank the modal ("will undoubtedly seek" → `undoubtedly`).
  { pattern: /\b(?:undoubtedly|doubtless|surely|certainly)\b/gi, family: 'scale', words: normalise },
  // Verbs that foretell ("Trump's victory presages a year of huge change") and a lasting present ("are here to stay").
  { pattern: /\b(?:presages?|portends?|heralds?|foreshadows?)\b/gi, family: 'will', words: normalise, readAs: 'will' },
  { pattern: /\bhere to stay\b/gi, family: 'will', words: 'here to stay', readAs: 'will' },
  // Forms on no scale that keep their form (round-5 rules): "stands to lose", "is on a path to", "is guaranteed".
  {
    pattern: /\bstands?\s+to\b(?=\s+(?:lose|gain|benefit|suffer|win|make|become|be)\b)/gi,
    family: 'will',
    words: 'stands to',
    readAs: 'likely',
  },
  {
    pattern: /\b(?:is|are)\s+(?:now\s+|already\s+)?on\s+(?:a|the)\s+(?:path|road|course|track)\s+to(?:wards?)?\b/gi,
    family: 'will',
    words: (match) => normalise(match).replace(/^(?:is|are)\s+(?:now\s+|already\s+)?/, ''),
    readAs: 'likely',
  },
  { pattern: /\b(?:is|are)\s+(?:all\s+but\s+|virtually\s+)?guaranteed\b(?!\s+(?:by|under|in)\b)/gi, family: 'scale', words: 'guaranteed' },
  // A risk with its level ("the risk of Russia using nuclear weapons … is not zero", "makes the risk of escalation exceptionally high").
  {
    pattern:
      /\bthe\s+(?:\w+\s+)?risks?\s+of\b(?=[^.;]{0,120}?\b(?:is|are|remains?)\s+(?:not\s+zero|real|high|higher|significant|considerable|substantial|growing|rising|elevated|serious)\b)/gi,
    family: 'frame',
    words: 'there is a risk that',
  },
  {
    pattern: /\bmakes?\s+the\s+risks?\s+of\b(?=[^.;]{0,80}?\b(?:high|higher|greater|real|significant)\b)/gi,
    family: 'scale',
    words: 'there is a risk that',
  },
  // The odds or chances of an event with their level ("The odds of a recession in 2026 are low", "The chances of a
  // ceasefire look slim"), round 8: the words are the level and the noun, like `small chance`.
  {
    pattern:
      /\bthe\s+(?:odds|chances?|probability|likelihood)\s+of\b[^.;:]{1,100}?\b(?:is|are|remains?|looks?|seems?|appears?)\s+(?:(?:very|quite|fairly|relatively|now|still|extremely|increasingly|rather)\s+)*(?:low|high|slim|small|remote|good|significant|considerable|elevated|limited|negligible|minimal|substantial)\b/gi,
    hints: ['odds', 'chance', 'probab', 'likelihood'],
    family: 'scale',
    words: (match) => {
      const noun = /\bthe\s+(odds|chances?|probability|likelihood)\b/i
        .exec(match)![1]
        .toLowerCase()
        .replace(/^chances$/, 'chance');
      const level = /(\w+)$/.exec(match)![1].toLowerCase();
      return `${level} ${noun}`;
    },
  },
  // A stated probability (round 8): "a 60% chance that …", "a 40 percent probability of …", "a one-in-three chance",
  // and "the probability of X is (about) 30%", "We put the odds of X at 35%"; extract-forecasts keeps the number.
  {
    pattern:
      /\b(?:(?:\d{1,3}(?:\.\d+)?\s?%?\s?[-–]\s?)?\d{1,3}(?:\.\d+)?\s?(?:%|per\s?cent)|(?:one|two|three|four|1|2|3|4)[- ]in[- ](?:two|three|four|five|six|ten|twenty|\d{1,3}))\s+(?:chance|probability|likelihood|risk|odds)\b(?!\s+(?:premium|premia|weight|weights|weighting|factor|free|assets|appetite)\b)/gi,
    hints: ['chance', 'probab', 'likelihood', 'risk', 'odds'],
    family: 'scale',
    words: (match) =>
      normalise(match)
        .replace(/per\s?cent/, '%')
        .replace(/\s+%/, '%'),
  },
  {
    pattern:
      /\bthe\s+(?:odds|chances?|probability|likelihood|risk)\s+of\b(?=[^.;:]{1,100}?\s(?:is|are|remains?|stands?\s+at|at)\s+(?:about\s+|around\s+|roughly\s+|close\s+to\s+|near\s+|only\s+|just\s+)?\d{1,3}(?:\.\d+)?\s?(?:%|per\s?cent)(?!\s+of\b))/gi,
    hints: ['%', 'cent'],
    family: 'scale',
    words: (match) =>
      normalise(match)
        .replace(/^the\s+/, '')
        .replace(/\s+of$/, '')
        .replace(/^chances$/, 'chance'),
  },
  // A forecast stated as its level ("Our 2026 growth forecast is 1.2%", "We have lowered our growth forecast for 2026 to
  // 1.2%"), round 8: the words are the noun.
  {
    pattern:
      /\b(?:[Oo]ur|[Tt]he\s+[A-Z][\w&.’'-]*['’]s|[Tt]he(?=\s+\d{4}\s))\s+(?:(?:latest|new|revised|current|updated|central|baseline|\d{4}(?:-\d{2,4})?)\s+)*(?:[a-z-]+\s+){0,2}(?:forecast|projection)s?(?=\s+(?:for\s+[^,;.]{1,40}?\s+)?(?:is|are|stands?\s+at|remains?|to)\s+(?:still\s+|now\s+)?(?:about\s+|around\s+|just\s+)?[-−]?[\d$£€])/g,
    hints: ['forecast', 'projection'],
    family: 'will',
    words: (match) => (/projection/i.test(match) ? 'projection' : 'forecast'),
    readAs: 'will',
  },
  // The favourite in a race ("The incumbent is the clear favourite to win", "is the favorite for the nomination") and a
  // course towards an outcome ("Labour is on course for a landslide"), round 8.
  {
    pattern: new RegExp(
      String.raw`\b${COPULA}\s+${FILLER}(?:the\s+)?(?:(?:clear|strong|heavy|overwhelming|firm|narrow|early)\s+)?favou?rite\s+(?:to|for)\b`,
      'gi',
    ),
    hints: ['favo'],
    family: 'will',
    words: 'favorite',
    readAs: 'likely',
    past: isPast,
  },
  // "Countries are on the track of 3.5-degree warming": a form on no list keeps its form (round 10).
  {
    pattern: new RegExp(String.raw`\b${COPULA}\s+${FILLER}on\s+the\s+track\s+(?:of|to|towards?)\b`, 'gi'),
    hints: ['on the track'],
    family: 'will',
    words: (match) => `on the track ${/(of|to|towards?)$/i.exec(match)![1].toLowerCase()}`,
    readAs: 'will',
    past: isPast,
  },
  {
    pattern: new RegExp(String.raw`\b${COPULA}\s+${FILLER}on\s+(?:course|track)\s+for\b`, 'gi'),
    hints: ['on course', 'on track'],
    family: 'will',
    words: (match) => `on ${/course/i.test(match) ? 'course' : 'track'} for`,
    readAs: 'will',
    past: isPast,
  },
  // "The central case for the election outcome is a hung parliament": the forecaster's case as the clause's subject,
  // like "outlook is for" (round 10).
  {
    pattern: /\b(?:the|our)\s+(?:central|base)\s+case\b(?=\s+(?:for\s+[^,;.]{1,60}?\s+)?(?:is|remains)\s+(?!that\b))/gi,
    hints: ['central case', 'base case'],
    family: 'will',
    words: (match) => normalise(match).replace(/^(?:the|our)\s+/, ''),
    readAs: 'will',
  },
  // A present progressive of a scheduled change ("his time in office is coming to an end"), round 11: a fixed form.
  {
    pattern: new RegExp(String.raw`\b${COPULA}\s+${FILLER}coming\s+to\s+an\s+end\b`, 'gi'),
    hints: ['coming to an end'],
    family: 'will',
    words: 'coming to an end',
    readAs: 'will',
    past: isPast,
  },
  // "A recession is our base case for 2026": the forecaster's central case as a predicate.
  {
    pattern:
      /\b(?:is|remains)\s+(?:our|the)\s+(?:base\s+case|baseline(?:\s+scenario)?|central\s+(?:scenario|case)|most\s+likely\s+(?:scenario|outcome))\b/gi,
    hints: ['base case', 'baseline', 'central', 'most likely'],
    family: 'will',
    words: (match) => normalise(match).replace(/^(?:is|remains)\s+(?:our|the)\s+/, ''),
    readAs: 'will',
  },
  // Room left for a move ("The dollar has room to weaken further", "Rates have further to fall"), round 8: forms on no
  // list that keep their form.
  {
    pattern:
      /\b(?:has|have)\s+(?:(?:a\s+lot\s+of|a\s+little|little|some|much|more|plenty\s+of|considerable|ample)\s+)?(?:room|scope)\s+to\b(?=\s+(?:fall|rise|grow|run|weaken|strengthen|climb|decline|drop|ease|expand|recover|rally|go|increase|decrease|widen|narrow|rebound)\b)/gi,
    hints: ['room', 'scope'],
    family: 'will',
    words: (match) => `${/scope/i.test(match) ? 'scope' : 'room'} to`,
    readAs: 'likely',
  },
  {
    pattern:
      /\b(?:has|have)\s+(?:much\s+|a\s+lot\s+|a\s+long\s+way\s+|some\s+way\s+|a\s+bit\s+|somewhat\s+)?further\s+to\b(?=\s+(?:fall|rise|go|run|climb|drop|decline|ease)\b)/gi,
    hints: ['further to'],
    family: 'will',
    words: 'further to',
    readAs: 'likely',
  },
  // A headline's risk rating ("Snowballing protectionism still a small risk for now").
  {
    pattern: /\b(?:small|low|slight|high|big|major|growing|real|serious)\s+risk\b(?!\s+(?:of|that|to)\b)/gi,
    family: 'scale',
    words: (match) => normalise(match),
    headlineOnly: true,
  },
  // A comparative estimate ("the more likely outcome … would be", "What is more likely is that …").
  { pattern: /\b(?:more|less) likely\b/gi, family: 'scale', words: normalise },
  { pattern: /\bunlikelihood\b/gi, family: 'scale', words: 'unlikelihood' },
  // "it is possible that …" carries the estimate of the clause it frames (over its "will"); so do "feasible",
  // "conceivable" and "plausible" (round 8, "It's now not just feasible that …"), and "possible for X to …".
  {
    pattern:
      /\bit(?:\s+(?:is|remains|seems|appears)|['’]s)\s+(?:(?:also|still|quite|entirely|very|now|thus|even|not\s+just|not\s+only|mathematically|technically|theoretically|certainly)\s+)*(?:possible|feasible|conceivable|plausible)\s+that\b/gi,
    family: 'frame',
    words: (match) => /(possible|feasible|conceivable|plausible)\s+that$/i.exec(match)![1].toLowerCase(),
  },
  {
    pattern:
      /\bit(?:\s+(?:is|remains|seems|appears)|['’]s)\s+(?:(?:also|still|quite|entirely|very|now|thus|even|mathematically|technically|theoretically|certainly)\s+)*(?:possible|feasible|conceivable)\s+for\b(?=[^.;:]{1,60}?\bto\s+[a-z])/gi,
    hints: ['possible for', 'feasible for', 'conceivable for'],
    family: 'frame',
    words: (match) => /(possible|feasible|conceivable)\s+for$/i.exec(match)![1].toLowerCase(),
  },
  // The same estimate held by the author as a verb's object ("We consider it possible that extremists will try …"), round 13.
  {
    pattern:
      /\b(?:we|I)\s+(?:(?:also|still|now|therefore|thus)\s+)?(?:consider|find|deem|regard|think|believe)\s+it\s+(?:(?:also|still|quite|entirely|very|now|thus|even)\s+)*(?:possible|feasible|conceivable|plausible)\s+that\b/gi,
    hints: ['possible that', 'feasible that', 'conceivable that', 'plausible that'],
    family: 'frame',
    words: (match) => /(possible|feasible|conceivable|plausible)\s+that$/i.exec(match)![1].toLowerCase(),
  },
  // An election held on a future date in the present tense ("Brazil and Peru all go to the polls next year"), round 13;
  // extract-forecasts checks the horizon.
  {
    pattern: /\b(?:go|goes|head|heads)\s+to\s+the\s+polls\b/gi,
    hints: ['polls'],
    family: 'will',
    words: (match) => (/^go/i.test(match) ? 'go' : 'head'),
    readAs: 'will',
    futureHorizon: true,
  },
  // "it is only a matter of time before …": an estimate on no scale that keeps its form (round-7 labelling rule).
  {
    pattern: /\b(?:(?:only|just)\s+)?a\s+matter\s+of\s+time\b(?=\s+(?:before|until|till)\b)/gi,
    hints: ['matter of time'],
    family: 'scale',
    words: normalise,
  },
  // A risk as a verb ("The arrest risks worsening relations with Russia"), read like "there is a risk that".
  // Not the noun ("the risks facing the region").
  {
    pattern:
      /(?<!\b(?:the|these|those|its|their|our|his|her|of|and|main|key|new|other|such|major|many|several|two|three)\s+)\brisks(?=\s+[a-z]+ing\b)(?!\s+(?:facing|including|surrounding|involving|concerning|regarding|affecting|confronting|stemming|arising|emanating|relating|pertaining)\b)/gi,
    family: 'scale',
    words: 'there is a risk that',
  },
  { pattern: /\bimminent(?:ly)?\b/gi, family: 'will', words: 'imminent' },
  { pattern: /\b(?:is|are) (?:yet |still )?to come\b|\bmore (?:\w+ ){0,2}to come\b/gi, family: 'will', words: 'to come' },
  // Round 9: the author's "valid fears that" is its own risk (`there is a risk that`), "valid hopes" keeps its form.
  {
    pattern: /\b(?:there\s+(?:are|is)\s+(?:also\s+)?)?valid\s+(?:fears?|concerns?|worr(?:y|ies))\s+that\b/gi,
    hints: ['valid'],
    family: 'frame',
    words: 'there is a risk that',
  },
  { pattern: /\bvalid\s+hopes?\b/gi, hints: ['valid'], family: 'scale', words: 'valid hopes', readAs: 'possible' },
  // Round 9: prospects and a bare possibility as a noun ("there are prospects for weaker growth", "there is a possibility
  // of an extended slowdown"), fixed forms like `outlook is for` and `small chance`.
  {
    pattern: /\bthere\s+(?:is|are|remain)\s+(?:(?:also|now|still|good|clear|bright)\s+)*prospects?\s+(?:for|of)\b/gi,
    hints: ['prospect'],
    family: 'will',
    words: 'prospects for',
    readAs: 'likely',
  },
  {
    pattern: /\bthere\s+(?:is|remains)\s+(?:(?:also|now|still)\s+)*(?:a|the)\s+possibility\s+(?:of|that)\b/gi,
    hints: ['possibility'],
    family: 'possibility',
    words: 'possibility',
    readAs: 'possible',
  },
  // Round 9: a probability set out as a table line ("Likelihood of ceasefire by end of year: 21%", "Risk of default in the
  // next 12 months: 12%"): the whole line is the forecast and the words are the figure.
  {
    pattern:
      /(?<=^|\n)[ \t]*(?:[-–•*][ \t]+)?(?:Likelihood|Probability|Chance|Risk|Odds)s?[ \t]+(?:of|that)[ \t]+[^\n:]{3,160}:[ \t]*\d{1,3}(?:\.\d+)?[ \t]?(?:%|per[ \t]?cent)(?=[ \t]*(?:\n|$))/gi,
    hints: ['%', 'per cent', 'percent'],
    family: 'scale',
    words: (match) => /(\d{1,3}(?:\.\d+)?)[ \t]?(?:%|per[ \t]?cent)$/i.exec(match)![1] + '%',
  },
  // Round 9: "in no uncertain terms" after a modal ("will, in no uncertain terms, define …") wins over it like "undoubtedly".
  {
    pattern: /(?<=\b(?:will|shall)\s*,?\s*)in\s+no\s+uncertain\s+terms\b/gi,
    hints: ['uncertain terms'],
    family: 'scale',
    words: 'in no uncertain terms',
  },
  // Round 9: a present readiness carried into the future by a horizon ("ready to put the cars on the roads over the next year").
  {
    pattern: /\b(?:(?:is|are)\s+(?:now\s+|already\s+)?)?ready\s+to\b(?=\s+[a-z])/gi,
    hints: ['ready to'],
    family: 'will',
    words: 'ready to',
    readAs: 'likely',
    horizonInClause: true,
  },
  // Round 9: the forecaster's own outlook or forecast as the subject of a frame with a change as its object ("the outlook
  // and the balance of risks imply a gradual rate increase ahead", "The policy rate forecast indicates a faster rise in
  // 2019"): the words are the verb as written, like "The Bank expects a sharp rebound".
  {
    pattern:
      /(?<=\b(?:outlook|forecast|projections?|balance\s+of\s+risks|base\s+case|baseline)\s+)(?:implies|imply|indicates|indicate|points\s+to|point\s+to)\b(?=\s+(?:an?\s+|the\s+|further\s+|some\s+)?(?:[\w-]+\s+){0,4}?(?:increase|increases|rise|rises|fall|falls|decline|cut|cuts|hike|hikes|reduction|slowdown|recovery|rebound|tightening|easing|growth|contraction|recession)\b)/gi,
    hints: ['impl', 'indicat', 'point to', 'points to'],
    family: 'will',
    words: normalise,
    readAs: 'will',
  },
  // Frames whose clause follows them.
  {
    pattern: /\bthere (?:is|remains|are) (?:a |an )?(?:(?:real|serious|high|significant|growing|strong)\s+)?risks? (?:that|of)\b/gi,
    family: 'frame',
    words: 'there is a risk that',
  },
  {
    pattern: /\b(?:cannot|can't|can ?not|could not|couldn't) be (?:entirely |completely |fully )?(?:ruled out|excluded)\b/gi,
    family: 'possibility',
    words: 'cannot be ruled out',
  },
  { pattern: /\b(?:can|could) be expected\b/gi, family: 'will', words: 'can be expected' },
  // An expectation put to the reader ("Poland should also expect …", "one may expect …"): a forecast, not advice.
  {
    pattern: /\b(?:one\s+)?(?:should|may|might|can|could)\s+(?:also\s+|well\s+|therefore\s+)?expect\b/gi,
    family: 'will',
    words: (match) => {
      const modal = /(should|may|might|can|could)/i.exec(match)![1].toLowerCase();
      return `${/^one\b/i.test(match) ? 'one ' : ''}${modal} expect`;
    },
  },
  {
    pattern: /\bit is (?:(?:widely|generally|also|now)\s+)?(?:expected|anticipated|projected|forecast|predicted) that\b/gi,
    family: 'frame',
    words: (match) => `it is ${/(expected|anticipated|projected|forecast|predicted) that$/i.exec(match)![1].toLowerCase()} that`,
    readAs: 'it is expected that',
  },
  // A schedule for a future date ("Elections are scheduled for March 2027"); extract-forecasts checks the date.
  {
    // "Elections are due in Mexico … this year" (round 13) reads `due`; "is set for May" reads `set for`.
    pattern:
      /\b(?:is|are)\s+(?:(?:now|also|still|currently|provisionally|tentatively)\s+)?(?:scheduled|slated|due|set)\s+for\b|\b(?:is|are)\s+(?:(?:now|also|still)\s+)?due\s+(?=(?:in|on)\s)/gi,
    family: 'will',
    words: (match) => {
      const scheduled = /(scheduled|slated|due|set)\s+for$/i.exec(match);
      return scheduled ? `${scheduled[1].toLowerCase()} for` : 'due';
    },
    readAs: 'will',
    futureHorizon: true,
  },
  // A risk a subject carries ("… entails a risk of weakening transatlantic ties").
  {
    pattern:
      /\b(?:entails?|carr(?:y|ies)|poses?|raises?|runs?|brings?) (?:a|the) (?:(?:real|serious|high|significant|growing|strong)\s+)?risks? of\b/gi,
    family: 'frame',
    words: 'there is a risk that',
  },
  // A schedule the author states ("construction is to be finished by the end of August").
  { pattern: /\b(?:is|are)\s+(?:(?:now|also|still)\s+)?to\s+be(?=\s+\w+(?:ed|en)\b)/gi, family: 'will', words: 'is to' },
  // A present tense carried into the future by its horizon ("remains sustainable … in the foreseeable future").
  {
    pattern:
      /(?<!\b(?:will|would|could|may|might|can|should|must|to|not|also)\s+)\b(?:remains?|continues?)\b(?=[^.;]*\b(?:in|for|over) the (?:foreseeable|near|immediate|coming) (?:future|months|years|weeks|term)\b)/gi,
    family: 'will',
    words: normalise,
    readAs: 'will',
  },
  // A future stated with a copula and an adjective that needs a verb after it ("is due to pass", "are about to rise").
  {
    pattern: new RegExp(String.raw`\b${COPULA}\s+${FILLER}(?:not\s+)?(?:due|about)\s+to\b`, 'gi'),
    family: 'will',
    words: (match) => `${/\bnot\b/i.test(match) ? 'not ' : ''}${/(due|about) to$/i.exec(match)![1].toLowerCase()} to`,
    negated: false,
    past: isPast,
    verbFollows: true,
  },
  // A period or a prospect that "promises to be" something ("2027 promises to be a difficult year"); a pledge has another verb.
  { pattern: /\bpromises?\s+to\b(?=\s+be\b)/gi, family: 'will', words: 'promises to' },
  // A present tense carried into the future by a horizon in its clause ("the deficit remains above 3% next year",
  // "Germany faces a recession in 2027"): the verbs of states, trends and prospects; extract-forecasts checks the horizon.
  {
    pattern: new RegExp(
      String.raw`(?<!\b(?:will|would|could|may|might|can|should|must|to|not|also|did|do|does|don['’]t|doesn['’]t)\s+)\b(?:${PRESENT_TREND_VERBS})\b`,
      'gi',
    ),
    family: 'will',
    words: normalise,
    readAs: 'will',
    futureHorizon: true,
  },
  // A risk stated as the content of a noun ("The main risk is that talks collapse", "the danger is that …").
  {
    pattern:
      /\b(?:the|a|one|another|our)\s+(?:(?:main|key|big|bigger|biggest|chief|real|major|greater|principal|other|second|first)\s+)?(?:risk|danger)\s+(?:is|remains)\s+that\b/gi,
    family: 'frame',
    words: 'there is a risk that',
  },
  // A forecaster's "we see …" with a projected trend or level and a future horizon ("We see growth slowing to 1% next year").
  {
    pattern: /\bwe (?:(?:now|still|also|continue to)\s+)?see\b(?=\s+(?:[\w’'%.-]+\s+){1,5}?(?:\w+ing|at|as)\b)/gi,
    family: 'will',
    words: 'we see',
    readAs: 'we expect',
    futureHorizon: true,
  },
  // A forecaster's passive "is seen" with a trend or a level ("Inflation is seen easing to 2.3%", "Growth is seen at 1%").
  {
    pattern: new RegExp(String.raw`\b${COPULA}\s+${FILLER}seen\b(?=\s+(?:\w+ing\b|at\s+(?:about\s+|around\s+)?[\d-]))`, 'gi'),
    family: 'will',
    words: 'seen',
    readAs: 'expected',
    past: isPast,
  },
  // A prospect with its size ("There is little prospect of a breakthrough", "no prospect that …").
  {
    pattern:
      /(?<=\bthere\s+(?:is|are|remains?|seems\s+to\s+be|appears\s+to\s+be)\s+(?:only\s+|very\s+)?)(?:little|slim|scant|no|small)\s+prospects?\s+(?:of|that|for)\b/gi,
    family: 'scale',
    words: (match) => `${normalise(match).split(' ')[0]} prospect`,
    readAs: 'little chance',
  },
  // An imperative put to the reader opening the sentence ("Expect more volatility", "Look for the bank to pause").
  {
    pattern: /^(?:Expect|Look for)\b(?=\s+(?:more|less|further|a|an|the|another|some|[A-Z]\w*|(?:[a-z]+\s+){1,6}to\s+[a-z]+)\b)/g,
    family: 'will',
    words: normalise,
    readAs: 'expect',
  },
  // A course or a fate stated with a copula keeps its form ("is headed for a defeat", "are doomed to fail", "is destined to
  // remain"), round-7 rule; "headed by" (led by) is no course.
  {
    pattern: new RegExp(String.raw`\b${COPULA}\s+${FILLER}(?:not\s+)?(?:headed|heading|destined|doomed)\s+(?:for|to(?:wards?)?)\b`, 'gi'),
    family: 'will',
    words: (match) => {
      const [, verb, preposition] = /\b(headed|heading|destined|doomed)\s+(\w+)$/i.exec(normalise(match))!;
      return `${verb === 'heading' ? 'headed' : verb} ${preposition}`;
    },
    readAs: 'will',
    past: isPast,
  },
  // An institution naming itself in the third person, with an infinitive ("EIA expects gasoline prices to decline …",
  // "The Commission forecasts growth to slow …"): the frame carries the estimate and keeps its form (round-6 labelling
  // rule). A singular subject of its own (a name), not others' plural "analysts expect", which is reported. Round 8: the
  // same frame in the progressive ("The Bank is forecasting growth of 4% in 2027", "is projecting inflation to fall"),
  // before a noun phrase ("The ECB expects a gradual recovery …"), after a reprinted release's "<Name> says it …", and
  // with the author's own instrument as subject ("our model sees a slowdown in 2027"); the words are the verb as written.
  {
    pattern:
      /\b(?:(?:now|also|still)\s+)?(?:expects?|forecasts?|projects?|anticipates?|predicts?|sees?|is\s+(?:(?:now|also|still)\s+)?(?:expecting|forecasting|projecting|anticipating|predicting))\b(?=\s+(?!(?:[Tt]hat|[Ii]t|[Tt]his|[Tt]hese|to|on|in|for|with|from|by|about)\b)[A-Za-z0-9$£€])/g,
    hints: ['expect', 'forecast', 'project', 'anticipat', 'predict', 'see'],
    family: 'will',
    words: (match) => normalise(match).replace(/^(?:(?:now|also|still)\s+)?(?:is\s+)?(?:(?:now|also|still)\s+)?/, ''),
    readAs: 'will',
    institutionObject: true,
  },
  // A forecaster's outlook stated as its object ("The Institute's current outlook is for a narrow majority", "Our base
  // case is for two more cuts"): a fixed form like `there is a risk that`.
  {
    pattern:
      /\b(?:outlook|forecast|base\s+case|baseline|central\s+scenario|projection)\s+(?:is|remains)\s+for\b(?=\s+(?!(?:example|instance|now|use|the\s+(?:purpose|sake))\b)[a-z0-9$£€])/gi,
    hints: [' is for', ' remains for'],
    family: 'will',
    words: (match) => `${normalise(match).replace(/\s+(?:is|remains)\s+for$/, '')} is for`,
    readAs: 'will',
  },
  // The author's own frame in the progressive ("We are forecasting a mild recession", "we're expecting prices to fall").
  {
    pattern:
      /\bwe\s+(?:are|['’]re)\s+(?:(?:now|still|also)\s+)?(?:expecting|forecasting|projecting|anticipating|predicting)\b(?=\s+(?!(?:that|it|this|these|to|on|in|for|with|from|by|about)\b)[A-Za-z0-9$£€])/gi,
    hints: ['we are', 'we’re', "we're"],
    family: 'will',
    words: (match) => /(expecting|forecasting|projecting|anticipating|predicting)$/i.exec(match)![1].toLowerCase(),
    readAs: 'will',
    institutionObject: true,
  },
  // A headline's infinitive with its subject and no verb ("Global IT Spending to Reach $3.9 Trillion in 2020"); extract-forecasts
  // checks that nothing before it is a verb and that a verb follows.
  { pattern: /(?<=\S\s+)to\b(?=\s+[A-Za-z])/g, family: 'will', words: 'to', readAs: 'will', headlineOnly: true, headlineInfinitive: true },
  // A quantity called "forecast" or "projected" opening the sentence, with a present verb ("Forecast WTI prices in 2016
  // average $5/b lower than Brent", "Projected spending rises to 4% of GDP"): a forecast whose words are that adjective.
  {
    pattern: new RegExp(
      String.raw`^(?:The\s+|Our\s+)?(?:Forecast|Projected)\b(?=\s+(?:[^\s,;:]+\s+){1,12}?(?:${PRESENT_TREND_VERBS}|is|are)\b)`,
      'g',
    ),
    family: 'will',
    words: (match) => (/projected/i.test(match) ? 'projected' : 'forecast'),
    readAs: 'will',
    horizonInClause: true,
  },
  // Plain futures.
  {
    pattern: new RegExp(String.raw`\b${COPULA}\s+${FILLER}(?:not\s+|hardly\s+)?(?:${FUTURE_PARTICIPLES})\s+to\b`, 'gi'),
    family: 'will',
    words: (match) => {
      const verb = new RegExp(String.raw`(${FUTURE_PARTICIPLES}) to$`, 'i').exec(match)![1].toLowerCase().replace('favoured', 'favored');
      if (verb === 'going') return /\bhardly\b/i.test(match) ? 'hardly going to' : /\bnot\b/i.test(match) ? 'not going to' : 'going to';
      // "is not expected to be a strong event" keeps its negation in the words, like "not going to" (round 12).
      return /\bnot\b/i.test(match) ? `not ${verb} to` : `${verb} to`;
    },
    negated: false,
    past: isPast,
  },
  // A headline drops its copula ("Inflation expected to ease in 2024", "Growth on track to slow"): only in a line
  // without a closing full stop (extract-forecasts checks), where a past participle cannot be a past tense.
  {
    pattern:
      /\b(?:expected|set|poised|projected|forecast|forecasted|anticipated|predicted|scheduled|slated|tipped|on track|on course)\s+to\b(?=\s+[a-z])/gi,
    family: 'will',
    words: (match) => `${normalise(match).replace(/\s+to$/, '')} to`,
    headlineOnly: true,
  },
  {
    pattern: new RegExp(String.raw`\b${COPULA}\s+${FILLER}(?:expected|projected|forecast|anticipated)\b(?!\s+to\b)`, 'gi'),
    family: 'will',
    words: (match) => /(expected|projected|forecast|anticipated)$/i.exec(match)![1].toLowerCase(),
    past: isPast,
  },
  // A negated first-person frame keeps its form (round-3 rule): "we do not expect mass protests to erupt".
  { pattern: /\bwe (?:(?:still|now|also|therefore)\s+)?doubt\b(?!\s+(?:it|that)\s*[.,])/gi, family: 'will', words: 'we doubt' },
  {
    pattern: /\bwe (?:(?:still|now|also|therefore)\s+)?(?:do not|don['’]t) (?:expect|anticipate|foresee)\b/gi,
    family: 'will',
    words: (match) => `we do not ${/(expect|anticipate|foresee)$/i.exec(match)![1].toLowerCase()}`,
    negated: true,
  },
  {
    pattern: /\bwe (?:(?:still|now|also|continue to|therefore)\s+)?(?:expect|anticipate|forecast|project|predict)\b/gi,
    family: 'will',
    words: (match) => `we ${/(expect|anticipate|forecast|project|predict)$/i.exec(match)![1].toLowerCase()}`,
  },
  { pattern: /\b(?:will|shall) never\b|['’]ll never\b/gi, family: 'will', words: 'will never', negated: true },
  // "shall" of prediction keeps its form and reads as "will" (round 10).
  { pattern: /\bshall not\b|\bshan['’]t\b/gi, family: 'will', words: 'shall not', readAs: 'will not', negated: true },
  { pattern: /\bwill not\b|\bwon['’]t\b/gi, family: 'will', words: 'will not', negated: true },
  { pattern: /\bshall\b/gi, family: 'will', words: 'shall', readAs: 'will' },
  { pattern: /\bwill\b|['’]ll\b/gi, family: 'will', words: 'will' },
  // Possibility.
  {
    pattern:
      /\b(?:is|are|remains?|seems?|appears?)\s+(?:(?:also|still|quite|entirely|very|now|thus)\s+)?(?:possible|plausible|conceivable)\b(?!\s+(?:to|for)\b)/gi,
    family: 'possibility',
    words: (match) => /(possible|plausible|conceivable)$/i.exec(match)![1].toLowerCase(),
  },
  { pattern: /\bmay not\b/gi, family: 'possibility', words: 'may not', negated: true },
  { pattern: /\bmight not\b|\bmightn['’]t\b/gi, family: 'possibility', words: 'might not', negated: true },
  { pattern: /\bcould not\b|\bcouldn['’]t\b/gi, family: 'possibility', words: 'could not', negated: true },
  { pattern: /\bmay\b/gi, family: 'possibility', words: 'may' },
  // A modal is never followed by a finite verb: "might is right" is the noun (round 9).
  { pattern: /\bmight\b(?!\s+(?:is|was|makes|made)\b)/gi, family: 'possibility', words: 'might' },
  { pattern: /\bcould\b/gi, family: 'possibility', words: 'could' },
  { pattern: /\bpossibly\b|\bperhaps\b/gi, family: 'possibility', words: normalise },
  // Conditional and obligation.
  { pattern: /\bwould not\b|\bwouldn['’]t\b/gi, family: 'conditional', words: 'would not', negated: true },
  { pattern: /\bwould\b|['’]d\b(?= \w+)/gi, family: 'conditional', words: 'would' },
  { pattern: /\bshould\b/gi, family: 'obligation', words: 'should' },
  { pattern: /\b(?:must|ought to|needs? to|has to|have to)\b/gi, family: 'obligation', words: normalise },
];

/** Adverbs and adjectives of the scale family outrank the modal they qualify: "probably will" reads as "probably". */
export const FAMILY_RANK: Record<ExpressionFamily, number> = { scale: 6, frame: 5, will: 4, possibility: 3, conditional: 2, obligation: 1 };
