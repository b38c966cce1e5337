import { parse } from 'csv-parse/sync';
import { csvStream } from './csv-stream.js';

async function text(records: Record<string, unknown>[]): Promise<string> {
  let out = '';
  for await (const chunk of csvStream(records, [
    { key: 'name', header: 'name' },
    { key: 'value', header: 'value' },
  ])) {
    out += String(chunk);
  }
  return out;
}

describe('csvStream', () => {
  it.each([
    ['=HYPERLINK("http://attacker.example")', `'=HYPERLINK("http://attacker.example")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\tindented', `'\tindented`],
    ['\rcarriage', `'\rcarriage`],
    ['plain words', 'plain words'],
    ['a = b', 'a = b'],
  ])('writes %p as %p', async (cell, expected) => {
    const [row] = parse<Record<string, string>>(await text([{ name: cell, value: 1 }]), { bom: true, columns: true, relax_quotes: true });
    expect(row?.name).toBe(expected);
  });

  it('keeps numbers numbers, negative ones included, and leaves null cells empty', async () => {
    const rows = parse<Record<string, string>>(
      await text([
        { name: 'x', value: -0.08 },
        { name: 'y', value: null },
      ]),
      { bom: true, columns: true },
    );
    expect(rows.map((row) => row.value)).toEqual(['-0.08', '']);
  });

  it('starts with a UTF-8 byte order mark and a header row', async () => {
    const out = await text([{ name: 'Łukasz – analyst', value: 0.5 }]);
    expect(out.startsWith('\ufeffname,value\n')).toBe(true);
    expect(out).toContain('Łukasz – analyst,0.5');
  });

  it('writes dates as ISO 8601 with the UTC offset', async () => {
    const out = await text([{ name: 'when', value: new Date('2021-03-01T12:00:00+02:00') }]);
    expect(out).toContain('when,2021-03-01T10:00:00.000Z');
  });
});
