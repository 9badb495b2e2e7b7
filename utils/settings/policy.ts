/**
 * The managed-policy overlay: effective settings = defaults ← user values ← policy values.
 * Policy wins key by key (objects merge, arrays and scalars replace) and every key it sets is
 * locked. Invalid values, from the user or from policy, are dropped with a message and never take
 * the extension down: the remaining valid values still apply.
 */
import { DEFAULT_SETTINGS, Settings } from './schema';

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

/** True when `path` or one of its ancestors is set by policy. */
export function isLocked(locked: readonly string[], path: string): boolean {
  return locked.some((p) => p === path || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
}

function getPath(value: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((v, k) => (isObj(v) || Array.isArray(v) ? (v as Obj)[k] : undefined), value);
}

function deletePath(value: Json, path: (string | number)[]): void {
  const parent = getPath(value, path.slice(0, -1));
  const last = path.at(-1);
  if (last === undefined) return;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObj(parent)) delete parent[last];
}

export interface SettingsProblem {
  source: 'user' | 'policy';
  path: string;
  message: string;
}

/**
 * Validate a partial settings object, dropping every invalid value (the smallest enclosing
 * value that zod names) and keeping the rest.
 */
export function sanitize(
  raw: Json,
  source: SettingsProblem['source'],
): { value: Obj; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { value: {}, problems };
  if (!isObj(raw)) {
    problems.push({ source, path: '', message: 'Settings must be an object' });
    return { value: {}, problems };
  }
  const value = structuredClone(raw);
  for (const key of Object.keys(value)) {
    if (!(key in Settings.shape)) {
      problems.push({ source, path: key, message: 'Unknown setting' });
      delete value[key];
    }
  }
  // Each pass removes at least one offending value, so this terminates.
  for (let pass = 0; pass < 50; pass++) {
    const result = Settings.safeParse(deepMerge(structuredClone(DEFAULT_SETTINGS), value));
    if (result.success) break;
    const issue = result.error.issues[0];
    if (!issue) break;
    // Point at the value inside `value` that made the merged object invalid.
    let path = issue.path as (string | number)[];
    while (path.length > 0 && getPath(value, path) === undefined) path = path.slice(0, -1);
    if (path.length === 0) {
      problems.push({ source, path: '', message: issue.message });
      return { value: {}, problems };
    }
    problems.push({ source, path: path.join('.'), message: issue.message });
    deletePath(value, path);
  }
  return { value, problems };
}

export interface ResolvedSettings {
  settings: Settings;
  /** Dotted paths set by policy. */
  locked: string[];
  problems: SettingsProblem[];
}

export function resolveSettings(user: Json, managed: Json): ResolvedSettings {
  const u = sanitize(user, 'user');
  const m = sanitize(managed, 'policy');
  const merged = deepMerge(deepMerge(structuredClone(DEFAULT_SETTINGS), u.value), m.value);
  return {
    settings: Settings.parse(merged),
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
