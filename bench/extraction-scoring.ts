/**
 * How extraction is scored against the labels (docs/extraction-labelling.md): a predicted clause
 * matches a labelled one when they overlap by at least half of the longer of the two; pairs are
 * matched one to one, largest overlap first.
 */
export interface ScoredSpan {
  start: number;
  end: number;
  words: string | null;
  kind: string;
}

export interface TextScore {
  gold: number;
  predicted: number;
  matched: number;
  wordsRight: number;
  kindRight: number;
}

export const emptyScore = (): TextScore => ({ gold: 0, predicted: 0, matched: 0, wordsRight: 0, kindRight: 0 });

export function add(total: TextScore, score: TextScore): TextScore {
  return {
    gold: total.gold + score.gold,
    predicted: total.predicted + score.predicted,
    matched: total.matched + score.matched,
    wordsRight: total.wordsRight + score.wordsRight,
    kindRight: total.kindRight + score.kindRight,
  };
}

/** Words compare case-, apostrophe- and spacing-insensitively; "won't" is "will not". */
export const normaliseWords = (words: string | null) =>
  (words ?? '').toLowerCase().replace(/[’']/g, "'").replace(/won't/g, 'will not').replace(/\s+/g, ' ').trim();

export function matchSpans<G extends ScoredSpan, P extends ScoredSpan>(gold: readonly G[], predicted: readonly P[]): [G, P][] {
  const pairs: { g: number; p: number; overlap: number }[] = [];
  gold.forEach((g, gi) =>
    predicted.forEach((p, pi) => {
      const overlap = Math.max(0, Math.min(g.end, p.end) - Math.max(g.start, p.start));
      if (overlap > 0 && overlap * 2 >= Math.max(g.end - g.start, p.end - p.start)) pairs.push({ g: gi, p: pi, overlap });
    }),
  );
  pairs.sort((a, b) => b.overlap - a.overlap || a.g - b.g || a.p - b.p);
  const usedGold = new Set<number>();
  const usedPredicted = new Set<number>();
  const matches: [G, P][] = [];
  for (const pair of pairs) {
    if (usedGold.has(pair.g) || usedPredicted.has(pair.p)) continue;
    usedGold.add(pair.g);
    usedPredicted.add(pair.p);
    matches.push([gold[pair.g], predicted[pair.p]]);
  }
  return matches;
}

export function scoreText(gold: readonly ScoredSpan[], predicted: readonly ScoredSpan[]): TextScore {
  const matches = matchSpans(gold, predicted);
  return {
    gold: gold.length,
    predicted: predicted.length,
    matched: matches.length,
    wordsRight: matches.filter(([g, p]) => normaliseWords(g.words) === normaliseWords(p.words)).length,
    kindRight: matches.filter(([g, p]) => g.kind === p.kind).length,
  };
}

export function figures(score: TextScore) {
  const precision = score.predicted ? score.matched / score.predicted : 0;
  const recall = score.gold ? score.matched / score.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    precision,
    recall,
    f1,
    words: score.matched ? score.wordsRight / score.matched : 0,
    kind: score.matched ? score.kindRight / score.matched : 0,
  };
}
