import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type LabelKind = 'forecast' | 'conditional_forecast' | 'observation' | 'recommendation' | 'question';

export interface LabelledSpan {
  quote: string;
  words: string;
  kind: LabelKind;
  /** Code-point offsets of the quote's first occurrence. */
  start: number;
  end: number;
}

export interface CorpusText {
  id: string;
  title: string;
  publisher: string;
  publishedOn: string;
  heldOut: boolean;
  /**
   * Which batch of held-out texts (2: labelled before rules-2026.12-1 ran on them; 3: before rules-2026.12-2 did), kept
   * once a batch moves to the development set: the learned scorer's cross-validation leaves one round out at a time.
   */
  heldOutRound: number | null;
  text: string;
  labels: LabelledSpan[];
}

const codePoints = (text: string) => Array.from(text).length;

/** A label's code-point offsets in its text; a quote must occur exactly once. */
function locate(id: string, text: string, label: { quote: string; words: string; kind: LabelKind }): LabelledSpan {
  const index = text.indexOf(label.quote);
  if (index < 0) throw new Error(`${id}: label not found in the text: "${label.quote}"`);
  if (text.indexOf(label.quote, index + 1) >= 0) throw new Error(`${id}: label occurs twice: "${label.quote}"`);
  const start = codePoints(text.slice(0, index));
  return { ...label, start, end: start + codePoints(label.quote) };
}

/** The labelled corpus of test/fixtures/extraction/corpus: <id>.txt (the text) and <id>.json (source, licence, labels). */
export function loadCorpus(folder: string): CorpusText[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.json$/, '');
      const meta = JSON.parse(readFileSync(join(folder, name), 'utf8')) as {
        title: string;
        publisher: string;
        publishedOn: string;
        heldOut: boolean;
        heldOutRound?: number;
        labels: { quote: string; words: string; kind: LabelKind }[];
      };
      const text = readFileSync(join(folder, `${id}.txt`), 'utf8').replace(/\n$/, '');
      const labels = meta.labels.map((label) => locate(id, text, label));
      return {
        id,
        title: meta.title,
        publisher: meta.publisher,
        publishedOn: meta.publishedOn,
        heldOut: meta.heldOut,
        heldOutRound: meta.heldOutRound ?? null,
        text,
        labels,
      };
    });
}

/** A second labeller's labels of a corpus text, made without seeing the first (test/fixtures/extraction/second-labelling). */
export interface SecondLabelling {
  id: string;
  round: number;
  labels: LabelledSpan[];
}

/** The second labellings of `folder` (<id>.json, for texts of `corpus`), their quotes located in the same texts. */
export function loadSecondLabellings(folder: string, corpus: readonly CorpusText[]): SecondLabelling[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.json$/, '');
      const text = corpus.find((entry) => entry.id === id);
      if (!text) throw new Error(`${name}: no corpus text ${id}`);
      const meta = JSON.parse(readFileSync(join(folder, name), 'utf8')) as {
        round: number;
        labels: { quote: string; words: string; kind: LabelKind }[];
      };
      return { id, round: meta.round, labels: meta.labels.map((label) => locate(id, text.text, label)) };
    });
}
