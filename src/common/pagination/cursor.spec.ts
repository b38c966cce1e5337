import { DomainError } from '../errors/domain-errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const position = { key: '2026-01-01T00:00:00.000Z', id: 'f1c2' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['', 'not-base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'rejects %p as a 400-class domain error naming the cursor',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(DomainError);
      try {
        decodeCursor(cursor);
      } catch (error) {
        expect((error as DomainError).fieldErrors).toEqual([expect.objectContaining({ field: 'cursor' })]);
      }
    },
  );
});
