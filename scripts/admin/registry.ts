/**
 * Switchboard's policy as Windows registry values, the way Chrome and Edge read an extension's
 * `3rdparty` policy: an object is a subkey, a string an REG_SZ, a boolean or an integer an
 * REG_DWORD, a list of strings a subkey with the values "1", "2"… (as the ADMX `list` element
 * writes them), and a list of objects one REG_SZ holding JSON (the browser parses a string as
 * JSON where the schema expects a list or an object).
 */
import { parseRegValue, regDword, regString } from './escape';
import type { Json, JsonObject, PolicyKey } from './model';
import { setPath } from './model';

export interface RegValue {
  /** Full key below the hive, e.g. Software\Policies\…\policy\clickToDial. */
  key: string;
  name: string;
  value: string | number;
  type: 'sz' | 'dword';
}

/** How a policy key is written: where its value lives and in which shape. */
export interface RegPlacement {
  key: string;
  /** Value name; for a list of strings, the subkey holding the items. */
  name: string;
  shape: 'sz' | 'dword' | 'bool' | 'list' | 'json';
}

export function placement(root: string, key: PolicyKey): RegPlacement {
  const parent = [root, ...key.segments.slice(0, -1)].join('\\');
  const name = key.segments.at(-1) as string;
  if (key.type === 'boolean') return { key: parent, name, shape: 'bool' };
  if (key.type === 'integer') return { key: parent, name, shape: 'dword' };
  if (key.type === 'string') return { key: parent, name, shape: 'sz' };
  if (key.type === 'array' && key.itemType === 'string')
    return { key: parent, name, shape: 'list' };
  if (key.type === 'array') return { key: parent, name, shape: 'json' };
  throw new Error(`${key.path}: no registry form for type ${key.type}`);
}

function valueAt(value: Json | undefined, segments: readonly string[]): Json | undefined {
  return segments.reduce<Json | undefined>(
    (v, k) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject)[k] : undefined,
    value,
  );
}

/** The registry values of a policy object, in the order of the keys. */
export function policyToRegistry(
  root: string,
  keys: readonly PolicyKey[],
  policy: JsonObject,
): RegValue[] {
  const out: RegValue[] = [];
  for (const key of keys) {
    const value = valueAt(policy, key.segments);
    if (value === undefined) continue;
    const at = placement(root, key);
    switch (at.shape) {
      case 'bool':
        out.push({ key: at.key, name: at.name, type: 'dword', value: value ? 1 : 0 });
        break;
      case 'dword':
        out.push({ key: at.key, name: at.name, type: 'dword', value: value as number });
        break;
      case 'sz':
        out.push({ key: at.key, name: at.name, type: 'sz', value: value as string });
        break;
      case 'list':
        (value as string[]).forEach((item, i) =>
          out.push({ key: `${at.key}\\${at.name}`, name: String(i + 1), type: 'sz', value: item }),
        );
        break;
      case 'json':
        out.push({ key: at.key, name: at.name, type: 'sz', value: JSON.stringify(value) });
        break;
    }
  }
  return out;
}

/** A .reg file (regedit's format 5, ASCII, CRLF) setting the values under HKLM. */
export function formatReg(values: readonly RegValue[], comment: readonly string[]): string {
  const lines = ['Windows Registry Editor Version 5.00', '', ...comment.map((c) => `; ${c}`)];
  let current: string | undefined;
  for (const v of values) {
    if (v.key !== current) {
      lines.push('', `[HKEY_LOCAL_MACHINE\\${v.key}]`);
      current = v.key;
    }
    const data = v.type === 'dword' ? regDword(v.value as number) : regString(v.value as string);
    lines.push(`${regString(v.name)}=${data}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The values of a .reg file written by formatReg. */
export function parseReg(text: string): RegValue[] {
  const out: RegValue[] = [];
  let key: string | undefined;
  for (const line of text.split('\r\n')) {
    if (line === '' || line.startsWith(';') || line.startsWith('Windows Registry Editor')) continue;
    const section = /^\[HKEY_LOCAL_MACHINE\\(.+)\]$/.exec(line);
    if (section) {
      key = section[1];
      continue;
    }
    const value = /^("(?:[^"\\]|\\.)*"|hex\(1\):[0-9a-f,]+)=(.+)$/.exec(line);
    if (!value || key === undefined) throw new Error(`Not a .reg line: ${line}`);
    const data = parseRegValue(value[2] as string);
    out.push({
      key,
      name: String(parseRegValue(value[1] as string)),
      type: typeof data === 'number' ? 'dword' : 'sz',
      value: data,
    });
  }
  return out;
}

/** The policy object a browser reads from registry values (the inverse of policyToRegistry). */
export function registryToPolicy(
  root: string,
  keys: readonly PolicyKey[],
  values: readonly RegValue[],
): JsonObject {
  const out: JsonObject = {};
  const lower = (s: string): string => s.toLowerCase();
  for (const key of keys) {
    const at = placement(root, key);
    if (at.shape === 'list') {
      const items = values
        .filter((v) => lower(v.key) === lower(`${at.key}\\${at.name}`))
        .sort((a, b) => Number(a.name) - Number(b.name))
        .map((v) => v.value as Json);
      if (items.length > 0) setPath(out, key.segments, items);
      continue;
    }
    const found = values.find(
      (v) => lower(v.key) === lower(at.key) && lower(v.name) === lower(at.name),
    );
    if (!found) continue;
    if (at.shape === 'bool') setPath(out, key.segments, found.value !== 0);
    else if (at.shape === 'json')
      setPath(out, key.segments, JSON.parse(found.value as string) as Json);
    else setPath(out, key.segments, found.value);
  }
  return out;
}
