import type { OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import {
  type ApiOperation,
  type ApiParameter,
  apiOperations,
  fillPath,
  type HttpMethod,
  type JsonSchema,
  openApiDocument,
  resolveSchema,
  sampleValue,
} from '../setup/openapi-operations.js';

/*
 * Bad input at scale: every operation of the OpenAPI document gets wrong types, missing and unknown
 * fields, huge and hostile strings, impossible numbers, ids, cursors and dates, and broken JSON.
 * The service must answer each with a 4xx in the standard error body, never a 5xx, and a refused
 * request must leave no trace in the audit trail. Fixed seed: a failure replays identically.
 */

const SEED = 20_200_914;
const CONCURRENCY = 8;
const RANDOM_CASES_PER_OPERATION = 50;
const MIN_REQUESTS = 3_000;
const NONEXISTENT_ID = '5f1d7c3e-8a4b-4c2d-9e6f-0a1b2c3d4e5f';
const FUZZ_REQUEST_PREFIX = 'fuzz-';

type Caller = 'admin' | 'viewer' | 'none' | 'garbage';

type FuzzBody = { json: unknown } | { raw: string | Buffer; contentType?: string };

interface FuzzCase {
  method: HttpMethod;
  route: string;
  /** Path and query string, already encoded (or deliberately mis-encoded). */
  url: string;
  caller: Caller;
  headers: Record<string, string>;
  body?: FuzzBody;
  /** What was broken, for the failure report. */
  label: string;
}

interface FuzzOutcome {
  fuzz: FuzzCase;
  requestId: string;
  status: number;
  body: unknown;
  text: string;
  headers: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const HUGE_STRING = 'x'.repeat(100 * 1024);

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = asArray ? [] : {};
  for (let level = 0; level < depth; level += 1) value = asArray ? [value] : { a: value };
  return value;
}

const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, 12_345, 1.5, 'text', '', [], [1, 'two', null], {}, { value: { deeper: 1 } }];

const NASTY_STRINGS: string[] = [
  '',
  ' ',
  '\t\r\n',
  HUGE_STRING,
  '🧨'.repeat(2_000),
  'e\u0301'.repeat(500),
  '\u202Egnp.exe\u202C',
  'שלום עולם مرحبا',
  '\u0000',
  'before\u0000after',
  '\uD800',
  'x\uDFFFy',
  '\uFEFFbom',
  '\u2028\u2029',
  "'; DROP TABLE forecasts; --",
  "1' OR '1'='1",
  '\\',
  '%00',
  '%',
  '${jndi:ldap://example.org/a}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  '9'.repeat(400),
];

const NASTY_NUMBERS: number[] = [
  -1,
  -0.000001,
  1.000001,
  2,
  100,
  101,
  0.5,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1e308,
  5e-324,
  // JSON has no NaN or Infinity: JSON.stringify sends them as null (raw bodies send them verbatim).
  NaN,
  Infinity,
  -Infinity,
];

const NASTY_DATES: string[] = [
  '2021-02-30',
  '2021-02-29',
  '2021-13-01',
  '2021-00-10',
  '99999-01-01',
  '+099999-01-01',
  '0000-01-01',
  '-000001-01-01',
  '1000-01-01',
  '9999-12-31',
  '',
  'yesterday',
  'now',
  '2020-09-14T25:00:00Z',
  '2020-09-14T10:00:00+25:00',
  '2020-09-14T10:00:00',
  '2020-09-14 10:00:00',
  '20200914',
  '2020-9-4',
  '2020-09-14T10:00:00.1234567891Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '0001-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59.999Z',
  '2100-01-01T00:00:00Z',
  '2020-W38-1',
  '2020-258',
];

const NASTY_IDS: string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  NONEXISTENT_ID.replace(/-/g, ''),
  `{${NONEXISTENT_ID}}`,
  `${NONEXISTENT_ID}\u0000`,
  ` ${NONEXISTENT_ID}`,
  `${NONEXISTENT_ID}' OR '1'='1`,
  '1; SELECT pg_sleep(1)',
  '-1',
  '0',
  '',
];

const NASTY_CURSORS: string[] = [
  '',
  '=',
  '!!!',
  'bm90IGpzb24',
  base64Json([]),
  base64Json({}),
  base64Json([1]),
  base64Json('just a string'),
  base64Json(12),
  base64Json([null, 'x']),
  base64Json(['x', 'not-a-uuid']),
  base64Json([1e308, NONEXISTENT_ID]),
  base64Json([-1, NONEXISTENT_ID]),
  base64Json(['2021-02-30T00:00:00Z', NONEXISTENT_ID]),
  base64Json(['99999-01-01T00:00:00Z', NONEXISTENT_ID]),
  base64Json(['', NONEXISTENT_ID]),
  base64Json(['', '']),
  base64Json([{}, NONEXISTENT_ID]),
  base64Json([[1], NONEXISTENT_ID]),
  base64Json([true, NONEXISTENT_ID]),
  base64Json(['a\u0000b', NONEXISTENT_ID]),
  base64Json([null, `${NONEXISTENT_ID}\u0000`]),
  base64Json(['x'.repeat(300), NONEXISTENT_ID]),
  base64Json([NONEXISTENT_ID, NONEXISTENT_ID, NONEXISTENT_ID]),
  base64Json(['Zebra', "' OR 1=1 --"]),
  base64Json(['2020-09-14T10:00:00.000Z', 'not-a-uuid']),
  base64Json(['2020-09-14', 'x']),
  base64Json(['0000-01-01T00:00:00.000Z', NONEXISTENT_ID]),
  base64Json(['+275760-09-13T00:00:00.000Z', NONEXISTENT_ID]),
];

const IF_MATCH_VALUES = ['', '*', 'W/"1"', '"abc"', '"-1"', '"0"', '"99999999999999999999"', '"1.5"', '"NaN"', 'garbage', '"1", "2"'];
const IDEMPOTENCY_KEYS = ['', ' ', 'x'.repeat(300), 'fuzz key with spaces', 'é'];

/** Raw bodies that are not the JSON they claim to be, or not JSON at all. */
function rawBodies(valid: unknown): { raw: string | Buffer; contentType?: string; label: string }[] {
  const validJson = JSON.stringify(valid) ?? '{}';
  return [
    { raw: '{"probability": NaN}', contentType: 'application/json', label: 'NaN literal' },
    { raw: '{"probability": Infinity, "madeAt": -Infinity}', contentType: 'application/json', label: 'Infinity literal' },
    { raw: validJson.slice(0, Math.max(1, Math.floor(validJson.length / 2))), contentType: 'application/json', label: 'truncated JSON' },
    { raw: '{', contentType: 'application/json', label: 'lone brace' },
    { raw: '', contentType: 'application/json', label: 'empty JSON body' },
    { raw: 'null', contentType: 'application/json', label: 'JSON null' },
    { raw: '"a string"', contentType: 'application/json', label: 'JSON string' },
    { raw: '[]', contentType: 'application/json', label: 'JSON array' },
    { raw: `${validJson}${validJson}`, contentType: 'application/json', label: 'two documents' },
    { raw: `\uFEFF${validJson}`, contentType: 'application/json', label: 'byte order mark' },
    { raw: '{"__proto__": {"polluted": true}}', contentType: 'application/json', label: '__proto__ key' },
    { raw: '{"constructor": {"prototype": {"polluted": true}}}', contentType: 'application/json', label: 'constructor key' },
    { raw: '{"a": 1, "a": 2}', contentType: 'application/json', label: 'duplicate keys' },
    { raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), contentType: 'application/json', label: 'invalid UTF-8' },
    { raw: '{"x": "\\u0000"}', contentType: 'application/json', label: 'escaped NUL' },
    { raw: validJson, contentType: 'text/plain', label: 'JSON as text/plain' },
    { raw: 'statement=x&resolutionCriteria=y', contentType: 'application/x-www-form-urlencoded', label: 'form body' },
    { raw: validJson, contentType: 'application/json; charset=utf-16', label: 'charset utf-16' },
    { raw: validJson, contentType: 'application/xml', label: 'xml content type' },
    { raw: validJson, contentType: 'multipart/form-data; boundary=x', label: 'multipart content type' },
    { raw: Buffer.from(validJson), label: 'no content type' },
    { raw: `{"pad": "${'x'.repeat(2 * 1024 * 1024)}"}`, contentType: 'application/json', label: 'body over the limit' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Building cases from the OpenAPI document

/** A field of a body, as a path into it ("links.0.stance") with its schema. */
interface BodyField {
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

function bodyFields(schema: JsonSchema, document: OpenAPIObject, prefix: string[] = [], depth = 0): BodyField[] {
  const resolved = resolveSchema(schema, document);
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    const field: BodyField = { path: [...prefix, name], schema: resolveSchema(property, document), required: required.has(name) };
    if (depth >= 1) return [field];
    const inner = field.schema.type === 'array' && field.schema.items ? resolveSchema(field.schema.items, document) : field.schema;
    const innerPrefix = field.schema.type === 'array' ? [...field.path, '0'] : field.path;
    return [field, ...(inner.properties ? bodyFields(inner, document, innerPrefix, depth + 1) : [])];
  });
}

/** Sets (or, with `remove`, deletes) a nested value in a copy of the body, creating containers on the way. */
function withValue(body: unknown, path: string[], value: unknown, remove = false): unknown {
  const root: unknown = structuredClone(body);
  let container = (root && typeof root === 'object' ? root : {}) as Record<string, unknown>;
  const top = container;
  for (const [index, key] of path.slice(0, -1).entries()) {
    let next = container[key];
    if (!next || typeof next !== 'object') {
      next = /^\d+$/.test(path[index + 1]) ? [] : {};
      container[key] = next;
    }
    container = next as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete container[last];
  else container[last] = value;
  return top;
}

/** Strings every field gets; the rest of NASTY_STRINGS is shared out among the fields by fast-check. */
const CORE_STRINGS = ['', HUGE_STRING, 'before\u0000after', 'x\uDFFFy', '🧨'.repeat(2_000), "'; DROP TABLE forecasts; --"];

/** The values a field of this schema gets: everything hostile, plus what fits its type but not its rules. */
function hostileValuesFor(schema: JsonSchema, name: string, seed: number): unknown[] {
  const others = NASTY_STRINGS.filter((value) => !CORE_STRINGS.includes(value));
  const values: unknown[] = [...WRONG_TYPES, ...CORE_STRINGS, ...fc.sample(fc.constantFrom(...others), { seed, numRuns: 5 })];
  if (schema.format === 'uuid' || /id$/i.test(name)) values.push(...NASTY_IDS);
  if (schema.format === 'date' || schema.format === 'date-time' || /(At|On|From|To|date|deadline|slot)$/.test(name)) {
    values.push(...NASTY_DATES);
  }
  if (schema.type === 'number' || schema.type === 'integer') values.push(...NASTY_NUMBERS);
  if (schema.type === 'array') {
    values.push(
      Array.from({ length: 10_000 }, (_, index) => `item-${index}`),
      [null],
      [[]],
      [HUGE_STRING],
      ['same', 'same'],
      [{ nested: true }],
      NASTY_IDS,
    );
  }
  values.push(nested(40, false), nested(40, true));
  return values;
}

/** Query strings carry text; values JavaScript cannot URL-encode (lone surrogates) go as invalid UTF-8. */
function encodeQueryValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  try {
    return encodeURIComponent(text);
  } catch {
    return `%ED%A0%80${encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))}`;
  }
}

function queryValuesFor(parameter: ApiParameter, realCursors: string[]): string[] {
  const { schema, name } = parameter;
  const values: string[] = [
    '',
    'x'.repeat(8_000),
    '🧨'.repeat(200),
    '\u0000',
    'a\u0000b',
    '\uD800',
    "'; DROP TABLE forecasts; --",
    '%',
    '[]',
    '{}',
    'null',
    'undefined',
    'true',
  ].map(encodeQueryValue);
  if (name === 'cursor') values.push(...[...NASTY_CURSORS, ...realCursors].map(encodeQueryValue));
  if (schema.format === 'uuid' || /Id$|By$/.test(name)) values.push(...NASTY_IDS.map(encodeQueryValue));
  if (schema.format === 'date' || schema.format === 'date-time' || /(From|To|date)$/.test(name)) {
    values.push(...NASTY_DATES.map(encodeQueryValue));
  }
  if (schema.type === 'number' || schema.type === 'integer' || name === 'limit') {
    values.push('-1', '0', '1.5', '1e3', '1e309', 'NaN', 'Infinity', '-Infinity', '0x10', '9'.repeat(40), '  7  ', '+1', '1_000');
  }
  if (schema.enum) values.push(...schema.enum.map((value) => encodeQueryValue(String(value).toUpperCase())), 'constructor');
  return values;
}

interface Ids {
  byField: Record<string, string>;
  /** A real id for the first path segment (forecasts → a forecast), so bodies reach the services. */
  byCollection: Record<string, string>;
}

function idFor(ids: Ids) {
  return (field: string) => ids.byField[field] ?? NONEXISTENT_ID;
}

function realPathValues(operation: ApiOperation, ids: Ids): Record<string, string> {
  const collection = operation.path.split('/')[1];
  return Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => {
        if (parameter.schema.enum?.length) return [parameter.name, String(parameter.schema.enum[0])];
        if (parameter.name === 'id') return [parameter.name, ids.byCollection[collection] ?? NONEXISTENT_ID];
        return [parameter.name, 'unknown'];
      }),
  );
}

/** Cases that walk every field and parameter through its hostile values, one at a time. */
function systematicCases(operation: ApiOperation, document: OpenAPIObject, ids: Ids, realCursors: string[], seed: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const pathValues = realPathValues(operation, ids);
  const path = fillPath(operation.path, pathValues);
  const validBody = operation.body ? sampleValue(operation.body, document, idFor(ids)) : undefined;
  const make = (label: string, changes: Partial<FuzzCase> = {}): FuzzCase => ({
    method: operation.method,
    route: operation.route,
    url: path,
    caller: 'admin',
    headers: {},
    body: validBody === undefined ? undefined : { json: validBody },
    label,
    ...changes,
  });

  cases.push(make('plausible request'));
  for (const caller of ['viewer', 'none', 'garbage'] as const) cases.push(make(`caller ${caller}`, { caller }));

  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'path')) {
    const values = [...NASTY_IDS, '\uD800', '🧨', "1' OR '1'='1", '__proto__'].map(encodeQueryValue);
    values.push('%', '%E0%A4%A', '..%2F..%2Fusers', 'a'.repeat(200), '%00', NONEXISTENT_ID.toUpperCase());
    for (const value of values) {
      cases.push(
        make(`path ${parameter.name}=${value.slice(0, 40)}`, {
          url: fillPath(operation.path, { ...pathValues, [parameter.name]: value }, true),
        }),
      );
    }
  }

  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
    for (const value of queryValuesFor(parameter, realCursors)) {
      cases.push(make(`query ${parameter.name}=${value.slice(0, 40)}`, { url: `${path}?${parameter.name}=${value}` }));
    }
    cases.push(make(`query ${parameter.name} twice`, { url: `${path}?${parameter.name}=1&${parameter.name}=2` }));
    cases.push(make(`query ${parameter.name} without value`, { url: `${path}?${parameter.name}` }));
  }
  for (const query of [
    'unknownParam=1',
    '__proto__=1',
    'constructor[prototype]=1',
    '=&&=',
    '%',
    'limit=%E0%A4%A',
    'a'.repeat(2_000) + '=1',
  ]) {
    cases.push(make(`query ${query.slice(0, 40)}`, { url: `${path}?${query}` }));
  }

  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'header')) {
    const values = parameter.name.toLowerCase() === 'if-match' ? IF_MATCH_VALUES : ['', 'x'.repeat(1_000)];
    for (const value of values)
      cases.push(make(`header ${parameter.name}: ${value.slice(0, 40)}`, { headers: { [parameter.name]: value } }));
  }
  if (operation.method === 'post') {
    for (const key of IDEMPOTENCY_KEYS) cases.push(make(`Idempotency-Key: ${key.slice(0, 40)}`, { headers: { 'idempotency-key': key } }));
  }

  if (operation.body) {
    for (const field of bodyFields(operation.body, document)) {
      const name = field.path.join('.');
      for (const value of hostileValuesFor(field.schema, field.path[field.path.length - 1], seed + cases.length)) {
        const shown = typeof value === 'string' ? value.slice(0, 30) : (JSON.stringify(value) ?? String(value)).slice(0, 30);
        cases.push(make(`body ${name}=${shown}`, { body: { json: withValue(validBody, field.path, value) } }));
      }
      if (field.required) cases.push(make(`body without ${name}`, { body: { json: withValue(validBody, field.path, undefined, true) } }));
      if (field.schema.type === 'object' || field.schema.properties) {
        cases.push(
          make(`body ${name} with an unknown field`, { body: { json: withValue(validBody, [...field.path, 'unknownField'], 1) } }),
        );
      }
    }
    cases.push(make('body with an unknown field', { body: { json: withValue(validBody, ['unknownField'], 'x') } }));
    cases.push(make('body with only unknown fields', { body: { json: { unknownField: 1, another: [1] } } }));
    for (const whole of [[], [validBody], 'a string', 42, null, true, {}]) {
      cases.push(make(`whole body ${(JSON.stringify(whole) ?? '').slice(0, 30)}`, { body: { json: whole } }));
    }
    // Too deep for JSON.stringify's stack, so written out as text.
    for (const depth of [1_000, 100_000]) {
      cases.push(
        make(`object nested ${depth} deep`, {
          body: { raw: `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`, contentType: 'application/json' },
        }),
      );
      cases.push(
        make(`array nested ${depth} deep`, { body: { raw: `${'['.repeat(depth)}${']'.repeat(depth)}`, contentType: 'application/json' } }),
      );
    }
    for (const raw of rawBodies(validBody))
      cases.push(make(`raw body: ${raw.label}`, { body: { raw: raw.raw, contentType: raw.contentType } }));
  } else if (operation.method !== 'get') {
    cases.push(make('unexpected JSON body', { body: { json: { unknownField: 1 } } }));
    cases.push(make('unexpected raw body', { body: { raw: '{', contentType: 'application/json' } }));
  } else {
    cases.push(make('GET with a JSON body', { body: { json: { unknownField: 1 } } }));
  }
  return cases;
}

/** Hostile anythings, from the fixed pool and from fast-check's generators. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...WRONG_TYPES, ...NASTY_STRINGS, ...NASTY_NUMBERS, ...NASTY_DATES, ...NASTY_IDS, ...NASTY_CURSORS),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.base64String({ maxLength: 64 }),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

const callerArbitrary: fc.Arbitrary<Caller> = fc.oneof(
  { arbitrary: fc.constant<Caller>('admin'), weight: 17 },
  { arbitrary: fc.constant<Caller>('viewer'), weight: 1 },
  { arbitrary: fc.constant<Caller>('none'), weight: 1 },
  { arbitrary: fc.constant<Caller>('garbage'), weight: 1 },
);

type Mutation =
  | { kind: 'body'; field: string[]; value: unknown }
  | { kind: 'drop'; field: string[] }
  | { kind: 'query'; name: string; value: unknown }
  | { kind: 'path'; name: string; value: unknown }
  | { kind: 'header'; name: string; value: string };

/** Several hostile changes at once, drawn by fast-check from a fixed seed. */
function randomCases(operation: ApiOperation, document: OpenAPIObject, ids: Ids, seed: number): FuzzCase[] {
  const fields = operation.body ? bodyFields(operation.body, document).map((field) => field.path) : [];
  const queryNames = [
    ...operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
    'unknownParam',
  ];
  const pathNames = operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('query' as const), name: fc.constantFrom(...queryNames), value: anyValue }),
    fc.record({
      kind: fc.constant('header' as const),
      name: fc.constantFrom('if-match', 'idempotency-key', 'x-request-id', 'accept'),
      value: fc.constantFrom(...IF_MATCH_VALUES, ...IDEMPOTENCY_KEYS, 'application/xml', '*/*;q=abc'),
    }),
  ];
  if (fields.length > 0) {
    mutations.push(
      fc.record({ kind: fc.constant('body' as const), field: fc.constantFrom(...fields), value: anyValue }),
      fc.record({ kind: fc.constant('body' as const), field: fc.constantFrom(...fields), value: anyValue }),
      fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom(...fields) }),
    );
  }
  if (pathNames.length > 0)
    mutations.push(fc.record({ kind: fc.constant('path' as const), name: fc.constantFrom(...pathNames), value: anyValue }));
  const caseArbitrary = fc.record({
    mutations: fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 4 }),
    caller: callerArbitrary,
    realIds: fc.boolean(),
  });

  return fc.sample(caseArbitrary, { seed, numRuns: RANDOM_CASES_PER_OPERATION }).map(({ mutations: changes, caller, realIds }) => {
    const pathValues: Record<string, string> = realIds
      ? realPathValues(operation, ids)
      : Object.fromEntries(pathNames.map((name) => [name, NONEXISTENT_ID]));
    let body = operation.body ? sampleValue(operation.body, document, realIds ? idFor(ids) : () => NONEXISTENT_ID) : undefined;
    const query: string[] = [];
    const headers: Record<string, string> = {};
    for (const change of changes) {
      switch (change.kind) {
        case 'body':
          body = withValue(body, change.field, change.value);
          break;
        case 'drop':
          body = withValue(body, change.field, undefined, true);
          break;
        case 'query':
          query.push(`${change.name}=${encodeQueryValue(change.value)}`);
          break;
        case 'path':
          pathValues[change.name] = encodeQueryValue(change.value) || NONEXISTENT_ID;
          break;
        case 'header':
          // A request id we did not make would hide which fuzz case it was.
          if (change.name !== 'x-request-id') headers[change.name] = change.value;
          break;
      }
    }
    const path = fillPath(operation.path, pathValues, true);
    return {
      method: operation.method,
      route: operation.route,
      url: query.length ? `${path}?${query.join('&')}` : path,
      caller,
      headers,
      body: body === undefined ? undefined : { json: body },
      label: `random: ${changes.map((change) => `${change.kind} ${'field' in change ? change.field.join('.') : change.name}`).join(', ')}`,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Sending and judging

async function inBatches<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

function excerpt(value: unknown, length = 300): string {
  const text = Buffer.isBuffer(value)
    ? `<${value.length} bytes>`
    : typeof value === 'string'
      ? value
      : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text);
}

function describeRequest(outcome: FuzzOutcome): string {
  const { fuzz } = outcome;
  const body =
    fuzz.body === undefined
      ? ''
      : 'json' in fuzz.body
        ? excerpt(fuzz.body.json)
        : `${fuzz.body.contentType ?? 'no type'} ${excerpt(fuzz.body.raw)}`;
  return `${outcome.status} ${fuzz.method.toUpperCase()} ${excerpt(fuzz.url, 200)} [${fuzz.label}] body ${body} → ${excerpt(outcome.text, 300)}`;
}

/** What is wrong with a 4xx answer's body, if anything. */
function errorBodyProblems(outcome: FuzzOutcome): string[] {
  const problems: string[] = [];
  const body = outcome.body as Record<string, unknown> | undefined;
  if (!outcome.headers['content-type']?.startsWith('application/json') || !body || typeof body !== 'object') {
    return [`not a JSON error body: ${excerpt(outcome.text, 200)}`];
  }
  if (body.status !== outcome.status) problems.push(`status ${String(body.status)} ≠ ${outcome.status}`);
  if (typeof body.code !== 'string' || body.code === '') problems.push('no code');
  if (typeof body.message !== 'string' || body.message === '') problems.push('no message');
  if (typeof body.requestId !== 'string' || body.requestId !== outcome.headers['x-request-id'])
    problems.push('requestId missing or ≠ x-request-id');
  if (body.code === 'validation_failed' && !Array.isArray(body.errors)) problems.push('validation_failed without errors');
  if (body.errors !== undefined) {
    const entries = Array.isArray(body.errors) ? (body.errors as Record<string, unknown>[]) : [];
    if (entries.length === 0) problems.push('errors is not a non-empty array');
    for (const entry of entries) {
      if (typeof entry?.field !== 'string' || typeof entry.rule !== 'string' || typeof entry.message !== 'string') {
        problems.push(`bad errors entry ${excerpt(entry, 100)}`);
      }
    }
  }
  return problems.map((problem) => `${problem} — in ${outcome.status} ${excerpt(outcome.text, 200)}`);
}

describe('fuzzing every operation of the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let baseUrl: string;
  const authorization: Record<Caller, string | undefined> = { admin: undefined, viewer: undefined, none: undefined, garbage: undefined };

  beforeAll(async () => {
    // No rate limit: thousands of requests from one key are the point here.
    t = await createTestApp({ demoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    authorization.admin = (await t.userWithKey('admin')).authorization;
    authorization.viewer = (await t.userWithKey('viewer')).authorization;
    authorization.garbage = `Bearer fl_${'A'.repeat(60)}`;
  });
  afterAll(() => t.close());

  it('answers thousands of hostile requests with 4xx in the standard error body, never 5xx, and audits none of them', async () => {
    const document = openApiDocument(t.app);
    const operations = apiOperations(document);
    expect(operations.length).toBeGreaterThan(20);

    // Real targets, so that bodies which pass validation reach the services.
    const forecast = await t.prisma.forecast.findFirstOrThrow({ where: { status: 'open' }, orderBy: { createdAt: 'asc' } });
    const forecaster = await t.prisma.forecaster.findFirstOrThrow();
    const documentRow = await t.prisma.document.findFirstOrThrow();
    const admin = await t.prisma.user.findFirstOrThrow({ where: { role: 'admin' } });
    const evidence = await request(baseUrl)
      .post('/evidence')
      .set('authorization', authorization.admin!)
      .send({ summary: 'Fuzz target.', occurredOn: '2020-09-20', links: [{ forecastId: forecast.id, stance: 'supports', weight: 'weak' }] })
      .expect(201);
    const ids: Ids = {
      byField: {
        forecastId: forecast.id,
        forecasterId: forecaster.id,
        documentId: documentRow.id,
        ownerId: admin.id,
        loggedBy: admin.id,
        citedEvidenceIds: evidence.body.id,
      },
      byCollection: {
        forecasts: forecast.id,
        forecasters: forecaster.id,
        documents: documentRow.id,
        evidence: evidence.body.id,
        users: admin.id,
      },
    };
    const realCursors: string[] = [];
    for (const operation of operations) {
      if (operation.method !== 'get' || !operation.parameters.some((parameter) => parameter.name === 'cursor')) continue;
      const page = await request(baseUrl)
        .get(`${fillPath(operation.path, realPathValues(operation, ids))}?limit=1`)
        .set('authorization', authorization.admin!);
      if (typeof page.body?.page?.nextCursor === 'string') realCursors.push(page.body.page.nextCursor);
    }

    const cases = operations.flatMap((operation, index) => [
      ...systematicCases(operation, document, ids, realCursors, SEED + index),
      ...randomCases(operation, document, ids, SEED + index),
    ]);

    const started = performance.now();
    const outcomes = await inBatches(cases, CONCURRENCY, async (fuzz, index): Promise<FuzzOutcome> => {
      const requestId = `${FUZZ_REQUEST_PREFIX}${index}`;
      let call = request(baseUrl)
        [fuzz.method](fuzz.url)
        .set('x-request-id', requestId)
        .ok(() => true);
      const key = authorization[fuzz.caller];
      if (key) call = call.set('authorization', key);
      for (const [name, value] of Object.entries(fuzz.headers)) call = call.set(name, value);
      if (fuzz.body && 'json' in fuzz.body) {
        const json = JSON.stringify(fuzz.body.json);
        if (json !== undefined) call = call.set('content-type', 'application/json').send(json);
      } else if (fuzz.body) {
        if (fuzz.body.contentType) call = call.set('content-type', fuzz.body.contentType);
        call = call.send(fuzz.body.raw);
      }
      const response = await call;
      return {
        fuzz,
        requestId,
        status: response.status,
        body: response.body as unknown,
        text: response.text ?? '',
        headers: response.headers,
      };
    });
    const seconds = (performance.now() - started) / 1000;

    const byStatus = new Map<number, number>();
    for (const outcome of outcomes) byStatus.set(outcome.status, (byStatus.get(outcome.status) ?? 0) + 1);
    const histogram = [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    process.stdout.write(
      `\nfuzz: ${outcomes.length} requests to ${operations.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}, ${CONCURRENCY} at a time): ${histogram}\n`,
    );

    expect(outcomes.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
    const serverErrors = outcomes.filter((outcome) => outcome.status >= 500).map(describeRequest);
    expect(serverErrors).toEqual([]);

    const clientErrors = outcomes.filter((outcome) => outcome.status >= 400 && outcome.status < 500);
    const badBodies = clientErrors.flatMap((outcome) =>
      errorBodyProblems(outcome).map((problem) => `${describeRequest(outcome)}: ${problem}`),
    );
    expect(badBodies).toEqual([]);
    // The callers without a valid key, and the viewer on writes, were refused before validation.
    expect(byStatus.get(401)).toBeGreaterThan(0);
    expect(byStatus.get(403)).toBeGreaterThan(0);
    expect(byStatus.get(400)).toBeGreaterThan(outcomes.length / 2);

    const refused = new Set(clientErrors.map((outcome) => outcome.requestId));
    const audited = await t.prisma.auditEntry.findMany({
      where: { requestId: { startsWith: FUZZ_REQUEST_PREFIX } },
      select: { requestId: true, action: true },
    });
    const auditedRefusals = audited.filter((entry) => refused.has(entry.requestId!));
    expect(auditedRefusals).toEqual([]);
    // Some plausible requests did succeed and were audited: the check above looked at real rows.
    const succeeded = new Set(outcomes.filter((outcome) => outcome.status < 300).map((outcome) => outcome.requestId));
    expect(audited.filter((entry) => succeeded.has(entry.requestId!)).length).toBeGreaterThan(0);
  }, 600_000); // a fixed number of requests: the budget leaves room for a busy machine
});
