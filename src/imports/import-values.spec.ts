import { normalizeTag, readInstant, readProbability, readTags } from './import-values.js';

describe('readInstant', () => {
  it.each([
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T10:00:00Z', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T10:00', '2024-03-01T10:00:00.000Z'],
    // Fatebook writes seconds without padding (Sage-Future/fatebook#90).
    ['2024-01-10 09:05:3', '2024-01-10T09:05:03.000Z'],
    // Metaculus: microseconds and an offset.
    ['2026-01-12 16:06:47.781475+00:00', '2026-01-12T16:06:47.781Z'],
    ['2024-03-01T12:00:00+02:00', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T12:00:00-0530', '2024-03-01T17:30:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    const read = readInstant(text);
    expect(read).toEqual({ ok: true, value: new Date(iso) });
  });

  it('reads a bare date as the end of that UTC day when asked (deadlines)', () => {
    expect(readInstant('2021-12-31', { dateOnlyAsEndOfDay: true })).toEqual({ ok: true, value: new Date('2021-12-31T23:59:59.999Z') });
  });

  it.each(['yesterday', '2023-13-01', '2023-02-30', '2024-03-01T25:00:00Z', '', '01/03/2024'])('refuses %p', (text) => {
    expect(readInstant(text).ok).toBe(false);
  });
});

describe('readProbability', () => {
  it.each([
    ['0.7', 0.7],
    ['70%', 0.7],
    [' 0 ', 0],
    ['1', 1],
    ['.25', 0.25],
    ['12.5 %', 0.125],
  ])('reads %p as %p', (text, value) => {
    expect(readProbability(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['1.3', /not between 0 and 1/],
    ['130%', /not between 0% and 100%/],
    ['-0.1', /not between 0 and 1/],
    ['likely', /not a number/],
    ['', /not a number/],
  ])('refuses %p', (text, message) => {
    const read = readProbability(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
  });
});

describe('tags', () => {
  it('lower-cases and hyphenates, and refuses what a tag cannot hold', () => {
    expect(normalizeTag(' Foreign Policy ')).toEqual({ ok: true, value: 'foreign-policy' });
    expect(normalizeTag('Foreign Policy!').ok).toBe(false);
    expect(readTags('belarus; Russia;;belarus;United_Kingdom')).toEqual({ tags: ['belarus', 'russia', 'united-kingdom'], problems: [] });
  });
});
