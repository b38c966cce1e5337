import { DomainError } from '../errors/domain-errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const position = { key: '2026-01-01T00:00:00.000Z', id: 'f1c2a3b4-0d5e-4f60-8a71-9b82c3d4e5f6' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    '',
    'not-base64!',
    encoded({ a: 1 }),
    encoded([1, 2]),
    // The tie-breaker goes into a UUID column, the key into queries as text.
    encoded(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
    encoded(['Zebra', "' OR 1=1 --"]),
    encoded(['a\u0000b', 'f1c2a3b4-0d5e-4f60-8a71-9b82c3d4e5f6']),
  ])('rejects %p as a 400-class domain error naming the cursor', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as DomainError).fieldErrors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });
});
