import { createHash } from 'node:crypto';
import { TAG_PATTERN } from '../forecasts/dto/create-forecast.dto.js';

/** A value read from a file, or the reason it could not be read. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(message: string): Read<T> => ({ ok: false, message });

/**
 * ISO 8601 and the looser forms the tools we import from write: `2024-03-01`, `2024-03-01T10:00Z`,
 * `2024-03-01 10:00:5` (Fatebook writes seconds without padding, Sage-Future/fatebook#90),
 * `2026-01-12 16:06:47.781475+00:00` (Metaculus). A time without a zone is UTC.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{1,2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export interface ReadInstantOptions {
  /** A date without a time means the end of that UTC day (a deadline "by 31 March") instead of its start. */
  dateOnlyAsEndOfDay?: boolean;
}

export function readInstant(text: string, options: ReadInstantOptions = {}): Read<Date> {
  const match = INSTANT.exec(text.trim());
  if (!match) return fail(`"${text}" is not a date or date-time (use ISO 8601, e.g. 2024-03-01 or 2024-03-01T10:00:00Z)`);
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return fail(`"${text}" is not a valid date-time`);
  }
  let time = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return fail(`"${text}" is not a calendar date`);
  if (h === undefined && options.dateOnlyAsEndOfDay) time += 86_400_000 - 1;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    time -= sign * offsetMinutes * 60_000;
  }
  return ok(new Date(time));
}

/** A probability as a number from 0 to 1, or a percentage written with a % sign ("70%"). */
export function readProbability(text: string): Read<number> {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const numberText = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(numberText)) return fail(`"${text}" is not a number`);
  const value = percent ? Number(numberText) / 100 : Number(numberText);
  if (value < 0 || value > 1) {
    return fail(percent ? `${text} is not between 0% and 100%` : `${text} is not between 0 and 1 (write a percentage as 70%)`);
  }
  return ok(value);
}

/** Tags as this service keeps them: lower case, words joined by hyphens. */
export function normalizeTag(raw: string): Read<string> {
  const tag = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (tag.length > 64) return fail(`tag "${raw}" is longer than 64 characters`);
  if (!TAG_PATTERN.test(tag)) return fail(`tag "${raw}" must be letters, digits and hyphens (e.g. "foreign-policy")`);
  return ok(tag);
}

/** Tags from one cell, split on the separator; the empty pieces are ignored. */
export function readTags(text: string, separator: RegExp | string = ';'): { tags: string[]; problems: string[] } {
  const tags: string[] = [];
  const problems: string[] = [];
  for (const piece of text.split(separator)) {
    if (piece.trim() === '') continue;
    const tag = normalizeTag(piece);
    if (tag.ok) {
      if (!tags.includes(tag.value)) tags.push(tag.value);
    } else problems.push(tag.message);
  }
  return { tags, problems };
}

/** A stable identifier for a record that has none of its own (e.g. a row of our CSV). */
export const digestOf = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');
