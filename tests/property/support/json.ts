/**
 * Generators shared by the property tests: arbitrary JSON (with the keys and values that break
 * hand-written parsers: `__proto__`, huge and negative numbers, unicode), adversarial strings, and
 * mutations of a valid value (drop a key, change a type, replace a leaf, add a key), so that a
 * real frame turns into the near-miss a buggy or hostile vendor would send.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys a parser may treat specially, or that reach an object's prototype. */
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''];

/** Strings that break naive parsing: separators, path tricks, control and unicode characters. */
export const adversarialString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '..',
      '.',
      '/',
      '\\',
      '%2e%2e',
      '%2F',
      '?',
      '#',
      '@',
      '\u0000',
      '\u2028',
      '\uD800',
      '😀',
      'ｆｕｌｌ',
      '+33142685300',
      '1001',
      'null',
      'NaN',
      '-1',
      '1e999',
      ...SPECIAL_KEYS,
    ),
  },
);

const numbers: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, 1.5, 1e308, -1e308),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_KEYS) },
);

const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  numbers,
  adversarialString,
);

/** Arbitrary JSON, small: depth 3, a few keys per object. */
export const anyJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 3 },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }).map(withOwnSpecialKeys),
  ),
})).value;

/**
 * `fc.dictionary` builds objects by assignment, which drops a `__proto__` key; JSON.parse keeps
 * it as an own key. Round-trip through JSON text so generated objects look like parsed ones.
 */
function withOwnSpecialKeys(value: Record<string, Json>): Json {
  const entries = Object.entries(value).map(
    ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`,
  );
  return JSON.parse(`{${entries.join(',')}}`) as Json;
}

type Path = (string | number)[];

function pathsOf(value: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

export interface Mutation {
  at: number;
  kind: 'drop' | 'replace' | 'retype' | 'addKey' | 'wrap' | 'empty';
  value: Json;
  key: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('drop', 'replace', 'retype', 'addKey', 'wrap', 'empty'),
  value: anyJson,
  key,
});

function retype(value: Json): Json {
  if (typeof value === 'string')
    return value === '' ? 0 : Number.isNaN(Number(value)) ? [value] : Number(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (value === null) return {};
  if (Array.isArray(value)) return value[0] ?? null;
  return [value];
}

function setOwn(target: Record<string, Json> | Json[], k: string | number, v: Json): void {
  Object.defineProperty(target, k, {
    value: v,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Applies one mutation to a copy of `value` at the node `m.at` picks (modulo the node count). */
export function applyMutation(value: Json, m: Mutation): Json {
  const root: Json = structuredClone(value);
  const paths = pathsOf(root);
  const path = paths[m.at % paths.length] ?? [];
  if (path.length === 0) {
    if (m.kind === 'retype') return retype(root);
    if (m.kind === 'wrap') return [root];
    if (m.kind === 'replace') return m.value;
  }
  const parentPath = path.slice(0, -1);
  const last = path.at(-1);
  let parent: Json = root;
  for (const step of parentPath) parent = (parent as Record<string, Json>)[step as string] ?? null;
  const node = last === undefined ? root : (parent as Record<string, Json>)[last as string];
  const container = last === undefined ? undefined : (parent as Record<string, Json> | Json[]);
  switch (m.kind) {
    case 'drop':
      if (container && last !== undefined) {
        if (Array.isArray(container)) container.splice(Number(last), 1);
        else delete container[last];
      }
      break;
    case 'replace':
      if (container && last !== undefined) setOwn(container, last, m.value);
      break;
    case 'retype':
      if (container && last !== undefined) setOwn(container, last, retype(node ?? null));
      break;
    case 'wrap':
      if (container && last !== undefined) setOwn(container, last, [node ?? null]);
      break;
    case 'empty':
      if (container && last !== undefined)
        setOwn(container, last, Array.isArray(node) ? [] : typeof node === 'string' ? '' : {});
      break;
    case 'addKey': {
      const target =
        node !== null && typeof node === 'object' && !Array.isArray(node) ? node : root;
      if (target !== null && typeof target === 'object' && !Array.isArray(target))
        setOwn(target, m.key, m.value);
      break;
    }
  }
  return root;
}

/** One to three mutations of one of `valid` (all real frames or payloads). */
export function mutated(valid: readonly Json[]): fc.Arbitrary<Json> {
  if (valid.length === 0) throw new Error('mutated() needs at least one valid value');
  return fc
    .tuple(fc.constantFrom(...valid), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([base, ms]) => ms.reduce(applyMutation, base));
}

/** Frame text: arbitrary strings, arbitrary JSON, or mutations of `valid` frames, as text. */
export function frameText(valid: readonly Json[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
    { weight: 6, arbitrary: mutated(valid).map((v) => JSON.stringify(v)) },
  );
}
