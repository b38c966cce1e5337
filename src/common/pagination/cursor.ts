import { isUUID } from 'class-validator';
import { InvalidInputError } from '../errors/domain-errors.js';
import { unstorableInput } from '../http/storable-input.js';

/** Keyset position: the sort key of the last row of a page and its id as a tie-breaker. */
export interface KeysetPosition {
  key: string | number | null;
  id: string;
}

export const invalidCursor = () =>
  new InvalidInputError('cursor', 'valid_cursor', 'cursor is not a cursor this API issued; start again without one');

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      (decoded[0] === null || ['string', 'number'].includes(typeof decoded[0])) &&
      // Every keyset tie-breaker is a UUID column; a cursor's text goes into queries, so it must be storable text too.
      isUUID(decoded[1], 'all') &&
      unstorableInput(decoded[0], 'cursor') === null
    ) {
      return { key: decoded[0] as string | number | null, id: decoded[1] as string };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/** One page from rows fetched with `take: limit + 1`: the extra row only tells that another page exists. */
export function keysetPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  positionOf: (row: Row) => KeysetPosition,
): { data: Item[]; page: { limit: number; nextCursor: string | null } } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toItem),
    page: { limit, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null },
  };
}

/** The position after which to continue a list ordered by a timestamp, then id. */
export function decodeTimestampCursor(cursor: string): { at: Date; id: string } {
  const after = decodeCursor(cursor);
  const at = new Date(String(after.key));
  if (after.key === null || Number.isNaN(at.getTime())) throw invalidCursor();
  return { at, id: after.id };
}
