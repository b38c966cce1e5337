import { chooseFormat, scorecardFilename } from './scorecard-format.js';

describe('chooseFormat', () => {
  it.each([
    [undefined, undefined, { format: 'json', download: false }],
    [undefined, '*/*', { format: 'json', download: false }],
    [undefined, 'application/json', { format: 'json', download: false }],
    [undefined, 'text/csv', { format: 'csv', download: true }],
    [undefined, 'text/markdown; charset=utf-8', { format: 'md', download: true }],
    [undefined, 'application/pdf', { format: 'pdf', download: true }],
    [undefined, 'application/json;q=0.5, text/csv', { format: 'csv', download: true }],
    [undefined, 'text/csv;q=0.4, application/pdf;q=0.9', { format: 'pdf', download: true }],
    [undefined, 'text/csv;q=0', { format: 'json', download: false }],
    [undefined, 'image/png', { format: 'json', download: false }],
    ['json', undefined, { format: 'json', download: true }],
    ['md', 'application/pdf', { format: 'md', download: true }],
  ] as const)('format %p with Accept %p → %p', (format, accept, expected) => {
    expect(chooseFormat(format, accept)).toEqual(expected);
  });
});

describe('scorecardFilename', () => {
  it('names the grouping and the UTC date', () => {
    expect(scorecardFilename('month', '2026-11-27T23:59:59.000Z', 'pdf')).toBe('scorecard-month-2026-11-27.pdf');
  });
});
