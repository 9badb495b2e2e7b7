/**
 * Pure helpers behind the options form: reading and writing dotted paths, validating a draft
 * with the settings schema, turning a draft into the smallest patch, and folding in changes made
 * elsewhere (policy, another tab) without losing the agent's unsaved edits.
 */
import { leafPaths } from '../settings/policy';
import { Settings } from '../settings/schema';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function getAt(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (isObj(v) || Array.isArray(v) ? (v as Obj)[k] : undefined), value);
}

/** A copy of `value` with `path` set; objects on the way are copied, never mutated. */
export function setAt<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return value;
  if (Array.isArray(value)) {
    const copy = [...value] as unknown[];
    copy[Number(head)] = rest.length ? setAt(copy[Number(head)], rest.join('.'), next) : next;
    return copy as T;
  }
  const base: Obj = isObj(value) ? value : {};
  return { ...base, [head]: rest.length ? setAt(base[head], rest.join('.'), next) : next } as T;
}

// JSON is exact enough here: settings are plain JSON values.
export const sameValue = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

export type FieldErrors = Record<string, string>;

/** Validate the whole draft; messages keyed by dotted path (first message per path). */
export function validateSettings(
  draft: unknown,
): { ok: true; value: Settings } | { ok: false; errors: FieldErrors } {
  const result = Settings.safeParse(draft);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    // zod's wording for an empty required text ("Too small: expected string to have >=1
    // characters") is for developers; say it the way a form does.
    const empty = issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1;
    errors[key] ??= empty ? 'Required' : issue.message;
  }
  return { ok: false, errors };
}

/**
 * Messages for a field: its own and those of values inside it. A list item's message says which
 * line it is about, since lists are edited one item per line.
 */
export function errorsAt(errors: FieldErrors, path: string): string[] {
  const out: string[] = [];
  for (const [p, message] of Object.entries(errors)) {
    if (p === path) out.push(message);
    else if (p.startsWith(`${path}.`)) {
      const rest = p.slice(path.length + 1);
      out.push(/^\d+$/.test(rest) ? `Line ${Number(rest) + 1}: ${message}` : message);
    }
  }
  return out;
}

/**
 * The leaves (scalars and whole arrays) that differ between `base` and `next`, as a nested
 * object. Saving only these keeps defaults as defaults instead of freezing them as user values.
 */
export function changedLeaves(base: unknown, next: unknown): Obj {
  let patch: Obj = {};
  for (const path of leafPaths(next)) {
    const value = getAt(next, path);
    if (!sameValue(getAt(base, path), value)) patch = setAt(patch, path, value);
  }
  return patch;
}

/**
 * Settings changed while the form was open. Locked values and values the agent has not touched
 * take the new value; the agent's unsaved edits stay.
 */
export function rebaseDraft<T>(
  oldBase: T,
  draft: T,
  newBase: T,
  isLockedPath: (path: string) => boolean,
): T {
  let out = draft;
  for (const path of leafPaths(newBase)) {
    const edited = !sameValue(getAt(draft, path), getAt(oldBase, path));
    if (isLockedPath(path) || !edited) out = setAt(out, path, getAt(newBase, path));
  }
  return out;
}

/** One entry per non-empty line, trimmed. */
export const linesToList = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
