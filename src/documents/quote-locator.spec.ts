import { locateQuote, sliceByCodePoints } from './quote-locator.js';

describe('locateQuote', () => {
  it('finds the first occurrence by code point', () => {
    expect(locateQuote('Russia will deepen integration.', 'will deepen')).toEqual({ start: 7, end: 18 });
  });

  it('counts astral characters as one character, like PostgreSQL', () => {
    const text = '🇧🇾 Belarus — repression can be expected';
    const span = locateQuote(text, 'repression')!;
    expect(span).toEqual({ start: 13, end: 23 });
    expect(sliceByCodePoints(text, span.start, span.end)).toBe('repression');
  });

  it('returns null for a quote the text does not contain, or an empty quote', () => {
    expect(locateQuote('abc', 'abd')).toBeNull();
    expect(locateQuote('abc', '')).toBeNull();
  });
});
