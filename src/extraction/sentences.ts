import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Span } from './text-spans.js';

/** A token with its part of speech (Universal Dependencies tags from wink's English model) and its place in the text. */
export interface Token extends Span {
  text: string;
  lower: string;
  pos: string;
}

export interface Sentence extends Span {
  tokens: Token[];
}

// Loaded once per process (about half a second); wink's model is an npm package: nothing is downloaded.
const nlp = winkNLP(model, ['sbd', 'pos']);
// wink's `its` helpers are plain functions used as property readers; bound once here.
const {
  value: valueOf,
  pos: posOf,
  span: spanOf,
} = nlp.its as unknown as Record<'value' | 'pos' | 'span', (...args: unknown[]) => unknown>;

/** A paragraph longer than this is read in pieces cut at sentence ends, so that no single step of the model runs long. */
const LONGEST_PIECE = 6000;

/**
 * Sentences with their tokens. Paragraphs (blank lines) and single lines that end without a full
 * stop (headings, list items) are never joined to the next sentence, whatever the model says.
 */
export function splitSentences(text: string): Sentence[] {
  return [...sentenceGroups(text)].flat();
}

/**
 * The sentences of the text, one group per paragraph or line (a very long paragraph in pieces of
 * whole sentences): the unit after which a long extraction may yield to the event loop.
 */
export function* sentenceGroups(text: string): Generator<Sentence[]> {
  const blockPattern = /[^\n]+(?:\n(?!\s*\n)[^\n]+)*/g;
  for (const block of text.matchAll(blockPattern)) {
    const blockStart = block.index;
    // Inside a block, a line break after a line without closing punctuation ends a heading-like line.
    // A footnote number after a full stop ("…on.1 Should …") is read as a sentence end too.
    const pieces = block[0].split(/(?<=[^.!?:;,"”’)\]\s])\n|(?<=[a-z][.!?]\d{1,3}) (?=[A-Z])/);
    let pieceStart = blockStart;
    for (const piece of pieces) {
      for (const [part, offset] of shortPieces(piece, pieceStart)) yield sentencesOfPiece(part, offset);
      pieceStart += piece.length + 1;
    }
  }
}

/** A piece cut at sentence ends (a full stop, question or exclamation mark, then a capital) into parts of at most LONGEST_PIECE characters where it can be. */
function* shortPieces(piece: string, offset: number): Generator<[string, number]> {
  let from = 0;
  while (piece.length - from > LONGEST_PIECE) {
    const window = piece.slice(from, from + LONGEST_PIECE);
    let cut = -1;
    for (const end of window.matchAll(/[.!?]["”’)]?\s+(?=["“‘(]?[A-Z])/g)) cut = end.index + end[0].length;
    if (cut <= 0) break;
    yield [piece.slice(from, from + cut), offset + from];
    from += cut;
  }
  yield [piece.slice(from), offset + from];
}

function sentencesOfPiece(piece: string, offset: number): Sentence[] {
  if (!piece.trim()) return [];
  const doc = nlp.readDoc(piece);
  const values = doc.tokens().out(valueOf as never) as unknown as string[];
  const tags = doc.tokens().out(posOf as never) as unknown as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  values.forEach((value, index) => {
    const found = piece.indexOf(value, cursor);
    const start = found >= 0 ? found : cursor;
    cursor = start + value.length;
    tokens.push({ text: value, lower: value.toLowerCase(), pos: tags[index] ?? 'X', start: offset + start, end: offset + cursor });
  });
  const spans = doc.sentences().out(spanOf as never) as unknown as [number, number][];
  return spans
    .map(([first, last]) => tokens.slice(first, last + 1))
    .filter((sentenceTokens) => sentenceTokens.length > 0)
    .map((sentenceTokens) => ({
      start: sentenceTokens[0].start,
      end: sentenceTokens[sentenceTokens.length - 1].end,
      tokens: sentenceTokens,
    }));
}
