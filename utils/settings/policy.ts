/**
 * The managed-policy overlay: effective settings = defaults ← user values ← policy values.
 * Policy wins key by key (objects merge, arrays and scalars replace) and every key it sets is
 * locked. Invalid values, from the user or from policy, are dropped with a message and never take
 * the extension down: the remaining valid values still apply.
 */
import type { z } from 'zod';
import { DEFAULT_SETTINGS, Settings } from './schema';

/** A settings schema: the extension's (`Settings`), or one a test builds with another vendor. */
type SettingsSchema = z.ZodObject;

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepMerge(base: Json, over: Json): Json {
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** Dotted paths of every leaf (scalar or array) in `value`. */
export function leafPaths(value: Json, prefix = ''): string[] {
  if (!isObj(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * True when policy sets `path`, one of its ancestors, or something inside it: a group that holds
 * a locked value cannot be edited as a whole either.
 */
export function isLocked(locked: readonly string[], path: string): boolean {
  return locked.some((p) => p === path || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
}

function getPath(value: Json, path: (string | number)[]): Json {
  return path.reduce<Json>(
    (v, k) => (isObj(v) || Array.isArray(v) ? (v as Obj)[k] : undefined),
    value,
  );
}

export interface SettingsProblem {
  source: 'user' | 'policy';
  path: string;
  message: string;
}

/** Marks a value to remove; removed in one sweep so array indices stay valid meanwhile. */
const DROP = Symbol('drop');

function markPath(value: Json, path: (string | number)[]): void {
  const parent = getPath(value, path.slice(0, -1));
  const last = path.at(-1);
  if (last !== undefined && (isObj(parent) || Array.isArray(parent))) (parent as Obj)[last] = DROP;
}

function sweep(value: Json): Json {
  if (Array.isArray(value)) return value.filter((v) => v !== DROP).map(sweep);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) if (v !== DROP) out[k] = sweep(v);
  return out;
}

/**
 * Keys of `value` that the schema does not know (zod strips them from `parsed`): typos such as
 * `clickToDial.enable` would otherwise be ignored without a word and still show as locked.
 */
function unknownPaths(
  value: Json,
  parsed: Json,
  path: (string | number)[] = [],
): (string | number)[][] {
  if (Array.isArray(value) && Array.isArray(parsed)) {
    return value.flatMap((v, i) => unknownPaths(v, parsed[i], [...path, i]));
  }
  if (!isObj(value) || !isObj(parsed)) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    Object.hasOwn(parsed, k) ? unknownPaths(v, parsed[k], [...path, k]) : [[...path, k]],
  );
}

/**
 * Validate a partial settings object, dropping every invalid value (the smallest enclosing
 * value that zod names) and keeping the rest.
 */
export function sanitize(
  raw: Json,
  source: SettingsProblem['source'],
  schema: SettingsSchema = Settings,
): { value: Obj; problems: SettingsProblem[] } {
  const defaults = schema === Settings ? DEFAULT_SETTINGS : schema.parse({});
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { value: {}, problems };
  if (!isObj(raw)) {
    problems.push({ source, path: '', message: 'Settings must be an object' });
    return { value: {}, problems };
  }
  let value = structuredClone(raw);
  for (const key of Object.keys(value)) {
    // Own keys only: `constructor` or `toString` is in every object, not a setting.
    if (!Object.hasOwn(schema.shape, key)) {
      problems.push({ source, path: key, message: 'Unknown setting' });
      delete value[key];
    }
  }
  // Each pass drops every value zod names (all of them: a long list of bad entries must not
  // outlast the pass limit), then re-checks, because dropping a required field makes its
  // enclosing object the invalid value. Passes are bounded by the nesting depth.
  for (let pass = 0; pass < 20; pass++) {
    const result = schema.safeParse(deepMerge(structuredClone(defaults), value));
    if (result.success) {
      for (const path of unknownPaths(value, result.data)) {
        problems.push({ source, path: path.join('.'), message: 'Unknown setting' });
        markPath(value, path);
      }
      return { value: sweep(value) as Obj, problems };
    }
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      // Point at the value inside `value` that made the merged object invalid.
      let path = issue.path as (string | number)[];
      while (path.length > 0 && getPath(value, path) === undefined) path = path.slice(0, -1);
      if (path.length === 0) {
        problems.push({ source, path: '', message: issue.message });
        return { value: {}, problems };
      }
      const key = path.join('.');
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ source, path: key, message: issue.message });
      markPath(value, path);
    }
    value = sweep(value) as Obj;
  }
  // Only a schema nested deeper than 20 levels gets here: ignoring the source beats failing to start.
  problems.push({ source, path: '', message: 'Settings could not be validated and were ignored' });
  return { value: {}, problems };
}

export interface ResolvedSettings<S = Settings> {
  settings: S;
  /** Dotted paths set by policy. */
  locked: string[];
  problems: SettingsProblem[];
}

export function resolveSettings(user: Json, managed: Json): ResolvedSettings;
export function resolveSettings<S extends SettingsSchema>(
  user: Json,
  managed: Json,
  schema: S,
): ResolvedSettings<z.output<S>>;
export function resolveSettings(
  user: Json,
  managed: Json,
  schema: SettingsSchema = Settings,
): ResolvedSettings<unknown> {
  const u = sanitize(user, 'user', schema);
  const m = sanitize(managed, 'policy', schema);
  const defaults = schema === Settings ? DEFAULT_SETTINGS : schema.parse({});
  const merged = deepMerge(deepMerge(structuredClone(defaults), u.value), m.value);
  return {
    settings: schema.parse(merged),
    locked: leafPaths(m.value),
    problems: [...u.problems, ...m.problems],
  };
}

/** Drop from a user patch every path that policy locks, so a stale form cannot override policy. */
export function withoutLocked(patch: Json, locked: readonly string[], prefix = ''): Json {
  if (!isObj(patch)) return patch;
  const out: Obj = {};
  for (const [k, v] of Object.entries(patch)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (locked.includes(path)) continue;
    out[k] = withoutLocked(v, locked, path);
  }
  return out;
}
