import { MAX_INPUT_DEPTH, unstorableInput } from './storable-input.js';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

describe('unstorableInput', () => {
  it.each([
    ['plain text', { statement: 'Repression will increase.' }],
    ['emoji, RTL and combining marks', { q: '🧨 \u202Eשלום e\u0301' }],
    ['a proper surrogate pair', { name: '\uD83E\uDDE8' }],
    ['numbers, booleans and null', { limit: 5, force: true, deadline: null }],
    [`nesting ${MAX_INPUT_DEPTH} levels deep`, nested(MAX_INPUT_DEPTH - 1)],
  ])('lets %s through', (_what, value) => {
    expect(unstorableInput(value, 'body')).toBeNull();
  });

  it.each([
    ['a NUL in a value', { statement: 'before\u0000after' }, 'statement', 'noNulCharacter'],
    ['a NUL deep in an array', { links: [{ forecastId: '\u0000' }] }, 'links.0.forecastId', 'noNulCharacter'],
    ['a NUL in a field name', { 'a\u0000b': 1 }, 'body', 'noNulCharacter'],
    ['a lone high surrogate', { name: '\uD800' }, 'name', 'wellFormedUnicode'],
    ['a lone low surrogate', { name: 'x\uDFFFy' }, 'name', 'wellFormedUnicode'],
    ['a bare string query value', 'a\u0000', 'q', 'noNulCharacter'],
    ['hostile depth', nested(100_000), 'a.a.a', 'maxDepth'],
  ])('refuses %s, naming the field and the rule', (_what, value, field, rule) => {
    const root = typeof value === 'string' ? 'q' : 'body';
    const problem = unstorableInput(value, root);
    expect(problem).toMatchObject({ rule });
    expect(problem!.field.startsWith(field)).toBe(true);
    expect(typeof problem!.message).toBe('string');
  });
});
