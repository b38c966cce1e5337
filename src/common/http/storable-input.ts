import type { FieldErrorDto } from '../errors/error-body.js';

/** Far deeper than any request the API defines; deeper input would only exhaust the stack while being read. */
export const MAX_INPUT_DEPTH = 32;

// PostgreSQL text cannot hold U+0000; a lone UTF-16 surrogate has no UTF-8 form (with the u flag,
// \p{Cs} matches only unpaired halves: a proper pair reads as one astral code point).
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /\p{Cs}/u;

function textProblem(text: string, field: string, what: string): FieldErrorDto | null {
  if (text.includes(NUL)) return { field, rule: 'noNulCharacter', message: `${what} must not contain the NUL character (\\u0000)` };
  if (LONE_SURROGATE.test(text)) return { field, rule: 'wellFormedUnicode', message: `${what} must be well-formed Unicode text` };
  return null;
}

/**
 * The first thing in a request value that could not be stored or read safely, if any: text with a
 * NUL character or a lone surrogate (in values and in field names), or nesting deeper than
 * MAX_INPUT_DEPTH. Walks iteratively, so hostile depth cannot overflow the walk itself.
 */
export function unstorableInput(value: unknown, root: string): FieldErrorDto | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    const field = path || root;
    if (typeof current === 'string') {
      const problem = textProblem(current, field, field);
      if (problem) return problem;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return { field, rule: 'maxDepth', message: `${field} is nested more than ${MAX_INPUT_DEPTH} levels deep` };
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      const problem = textProblem(key, field, `field names in ${field}`);
      if (problem) return problem;
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Names every plain object already has (constructor, toString, valueOf, hasOwnProperty,
 * __defineGetter__, __proto__…). class-transformer skips fields whose name resolves to a function
 * or accessor on the DTO, so the whitelist never saw them and they were accepted silently; no DTO
 * declares one, so they are refused like any unknown field.
 */
const INHERITED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The first field, at any depth, named like a property every object inherits; null when there is none. */
export function inheritedFieldName(value: unknown, root: string): FieldErrorDto | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    if (current === null || typeof current !== 'object' || depth >= MAX_INPUT_DEPTH) continue;
    for (const key of Object.keys(current)) {
      const field = path ? `${path}.${key}` : key;
      if (INHERITED_NAMES.has(key)) {
        return {
          field,
          rule: 'unknown_field',
          message: `${field} is not a known field (in ${root}; a name every JavaScript object has is never a field)`,
        };
      }
      pending.push({ value: (current as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return null;
}
