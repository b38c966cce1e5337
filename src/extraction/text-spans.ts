/** A span of a text in UTF-16 units (JavaScript string indices), [start, end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * Converts JavaScript string offsets (UTF-16 units) to code-point offsets, the unit quotes are stored
 * in (documents/quote-locator.ts): equal until the first astral character, so the table is only built
 * for texts that have one.
 */
export function codePointOffsets(text: string): (utf16: number) => number {
  if (!/[\ud800-\udbff]/.test(text)) return (utf16) => utf16;
  const table = new Uint32Array(text.length + 1);
  let codePoints = 0;
  for (let index = 0; index < text.length; index += 1) {
    table[index] = codePoints;
    const unit = text.charCodeAt(index);
    // The low half of a surrogate pair belongs to the code point its high half started.
    if (!(unit >= 0xdc00 && unit <= 0xdfff && index > 0 && text.charCodeAt(index - 1) >= 0xd800 && text.charCodeAt(index - 1) <= 0xdbff))
      codePoints += 1;
    else table[index] = codePoints;
  }
  table[text.length] = codePoints;
  return (utf16) => table[utf16];
}

/** The span with surrounding spaces and the given trailing punctuation removed. */
export function trimSpan(text: string, span: Span, trailing = /[\s,;:–—-]/): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && (trailing.test(text[end - 1]) || /\s/.test(text[end - 1]))) end -= 1;
  return { start, end };
}

export const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** Two spans make the same claim when they overlap by at least half of the longer (the bench's matching rule). */
export const sameClaim = (a: Span, b: Span) => overlap(a, b) > 0 && overlap(a, b) * 2 >= Math.max(a.end - a.start, b.end - b.start);
