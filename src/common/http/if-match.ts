import { DomainError } from '../errors/domain-errors.js';

/** An entity tag as RFC 9110 §8.8.3 writes it: optionally weak (W/), always in double quotes. */
export interface EntityTag {
  weak: boolean;
  /** What is between the quotes. */
  opaque: string;
}

export type IfMatch = { any: true } | { any: false; tags: EntityTag[] };

// etagc = %x21 / %x23-7E / obs-text: anything visible but a double quote (RFC 9110 §8.8.3).
const ENTITY_TAG = /^\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/;

/**
 * Reads an If-Match header: "*" or a comma-separated list of entity tags. A value that is neither
 * (an unquoted `2`, say) is refused with 400 saying what to send, rather than compared and found
 * stale: the client read the right version and only wrote it wrong (issue 12, item 9).
 */
export function parseIfMatch(header: string, example: string): IfMatch {
  if (header.trim() === '*') return { any: true };
  const tags: EntityTag[] = [];
  let rest = header;
  while (rest.trim() !== '') {
    const match = ENTITY_TAG.exec(rest);
    if (!match) {
      throw new DomainError(
        'invalid',
        'invalid_if_match',
        `If-Match must be "*" or quoted ETags as the ETag header sends them, e.g. If-Match: ${example} (got ${JSON.stringify(header.slice(0, 80))})`,
        [{ field: 'If-Match', rule: 'quoted_etag', message: `If-Match must be a quoted ETag, e.g. ${example}` }],
      );
    }
    tags.push({ weak: match[1] !== undefined, opaque: match[2] });
    rest = rest.slice(match[0].length);
  }
  if (tags.length === 0) {
    throw new DomainError('invalid', 'invalid_if_match', `If-Match is empty: send the ETag you read, e.g. If-Match: ${example}`, [
      { field: 'If-Match', rule: 'quoted_etag', message: `If-Match must be a quoted ETag, e.g. ${example}` },
    ]);
  }
  return { any: false, tags };
}

/**
 * Strong comparison (RFC 9110 §13.1.1: If-Match never matches a weak tag): true when a strong tag
 * equals the current one. A weak tag that would match otherwise is refused with 412 saying why,
 * so a client that sends W/"3" learns to send "3".
 */
export function ifMatchHolds(ifMatch: IfMatch, current: string, describeCurrent: string): boolean {
  if (ifMatch.any) return true;
  if (ifMatch.tags.some((tag) => !tag.weak && tag.opaque === current)) return true;
  if (ifMatch.tags.some((tag) => tag.weak && tag.opaque === current)) {
    throw new DomainError(
      'precondition_failed',
      'weak_etag',
      `If-Match compares entity tags strongly (RFC 9110 §13.1.1), so a weak tag W/"${current}" never matches: send If-Match: "${current}" (${describeCurrent})`,
    );
  }
  return false;
}
