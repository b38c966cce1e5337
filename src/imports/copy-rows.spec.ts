import { copyField, copyLine } from './copy-rows.js';

describe('copyField (COPY text format)', () => {
  it.each([
    ['plain', 'plain'],
    ['a\tb', 'a\\tb'],
    ['a\nb\r\nc\rd', 'a\\nb\\r\\nc\\rd'],
    ['back\\slash', 'back\\\\slash'],
    // COPY's own markers, as text, must not read as NULL or the end of the data.
    ['\\N', '\\\\N'],
    ['\\.', '\\\\.'],
    ['"quotes" and \'quotes\'', '"quotes" and \'quotes\''],
    ['\u0001\u007f é 😀', '\u0001\u007f é 😀'],
    ['', ''],
  ])('writes the text %j as %j', (value, field) => {
    expect(copyField(value)).toBe(field);
  });

  it('writes NULL, booleans, numbers and instants as PostgreSQL reads them', () => {
    expect([null, undefined, true, false, 0.1, 1 / 3, 5e-324, -2].map(copyField)).toEqual([
      '\\N',
      '\\N',
      't',
      'f',
      '0.1',
      '0.3333333333333333',
      '5e-324',
      '-2',
    ]);
    expect(copyField(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 7)))).toBe('2024-02-29T23:59:59.007Z');
  });

  it('writes a text array as an array literal with each element quoted, then escapes it as text', () => {
    expect(copyField([])).toBe('{}');
    expect(copyField(['a', 'b c', 'with,comma', '{x}', 'NULL', ''])).toBe('{"a","b c","with,comma","{x}","NULL",""}');
    expect(copyField(['say "hi"', 'back\\slash', 'tab\there'])).toBe('{"say \\\\"hi\\\\"","back\\\\\\\\slash","tab\\there"}');
  });

  it('refuses what PostgreSQL cannot hold: U+0000 and non-finite numbers', () => {
    expect(() => copyField('a\u0000b')).toThrow(/U\+0000/);
    expect(() => copyField(Number.NaN)).toThrow(/NaN/);
    expect(() => copyField(Number.POSITIVE_INFINITY)).toThrow(/Infinity/);
  });

  it('joins a row with tabs and ends it with a line break', () => {
    expect(copyLine([1, 'a\tb', null, true])).toBe('1\ta\\tb\t\\N\tt\n');
  });
});
