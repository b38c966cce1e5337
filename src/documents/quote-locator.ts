/**
 * Quote offsets count characters as code points, the way PostgreSQL's substr() does, so
 * `substr(full_text, quote_start + 1, quote_end - quote_start)` returns the quote in SQL too.
 */
export interface QuoteSpan {
  start: number;
  end: number;
}

const codePointLength = (text: string) => {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
};

/** The span of the first occurrence of `quote` in `text`, or null when the text does not contain it. */
export function locateQuote(text: string, quote: string): QuoteSpan | null {
  if (quote.length === 0) return null;
  const index = text.indexOf(quote);
  if (index < 0) return null;
  const start = codePointLength(text.slice(0, index));
  return { start, end: start + codePointLength(quote) };
}

/** The text between code-point offsets [start, end). */
export function sliceByCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
