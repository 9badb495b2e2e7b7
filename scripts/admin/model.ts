/**
 * Every policy key of Switchboard, as the admin kit (docs/admin/) documents and templates it:
 * read from the settings schema (`utils/settings/schema.ts`, built from the vendor registry), the
 * admin descriptions of `managed_schema.json` (scripts/managed-schema-descriptions.ts), the
 * defaults and the examples beside this file. A policy key is a leaf of the settings: a scalar or
 * an array (policy replaces an array as a whole, utils/settings/policy.ts).
 */
import { z } from 'zod';
import { VENDORS } from '../../utils/cti/vendors';
import { DEFAULT_SETTINGS, Settings } from '../../utils/settings/schema';
import { DESCRIPTIONS } from '../managed-schema-descriptions';
import { EXAMPLES } from './examples';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type LeafType = 'string' | 'boolean' | 'integer' | 'number' | 'array';

export interface PolicyKey {
  /** Dotted path, e.g. `connection.xivo.server`. */
  path: string;
  segments: string[];
  type: LeafType;
  /** An array's item type; `object` for arrays of objects (screen-pop rules…). */
  itemType?: 'string' | 'object' | 'integer' | 'number' | 'boolean';
  /** The item's properties, for arrays of objects: name, type, required, allowed values. */
  itemFields?: { name: string; type: string; required: boolean; enum?: string[] }[];
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  maxItems?: number;
  itemPattern?: string;
  /** undefined: not set by default. */
  default: Json | undefined;
  description: string;
  /** The group's description (e.g. `clickToDial`), for templates' categories. */
  example: Json;
  /** The vendor whose `connection.<id>` holds the key. */
  vendor?: string;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(value: unknown, segments: readonly string[]): unknown {
  return segments.reduce<unknown>((v, k) => (isNode(v) ? v[k] : undefined), value);
}

function describe(path: string): string {
  const text = DESCRIPTIONS[path];
  if (text === undefined) throw new Error(`${path}: no description in managed-schema-descriptions`);
  return text;
}

/** An example the schema itself suggests, when EXAMPLES has none. */
function derivedExample(node: Node, defaultValue: unknown): Json | undefined {
  if (Array.isArray(node.enum)) {
    const other = (node.enum as string[]).find((v) => v !== defaultValue);
    return other ?? (node.enum[0] as string);
  }
  if (node.type === 'boolean' && typeof defaultValue === 'boolean') return !defaultValue;
  if ((node.type === 'integer' || node.type === 'number') && typeof defaultValue === 'number') {
    return defaultValue;
  }
  if (node.type === 'string' && typeof defaultValue === 'string' && defaultValue !== '') {
    return defaultValue;
  }
  return undefined;
}

function leaf(path: string, segments: string[], node: Node): PolicyKey {
  const type = node.type as LeafType;
  const defaultValue = valueAt(DEFAULT_SETTINGS, segments) as Json | undefined;
  const example = EXAMPLES[path] ?? derivedExample(node, defaultValue);
  if (example === undefined) {
    throw new Error(`${path}: add an example value in scripts/admin/examples.ts`);
  }
  const key: PolicyKey = {
    path,
    segments,
    type,
    default: defaultValue,
    description: describe(path),
    example,
  };
  if (segments[0] === 'connection' && segments.length > 2) key.vendor = segments[1];
  if (Array.isArray(node.enum)) key.enum = node.enum as string[];
  for (const name of ['minimum', 'maximum', 'minLength', 'maxLength', 'maxItems'] as const) {
    if (typeof node[name] === 'number') key[name] = node[name];
  }
  if (typeof node.pattern === 'string') key.pattern = node.pattern;
  if (type === 'array') {
    const items = node.items;
    if (!isNode(items)) throw new Error(`${path}: an array without an item schema`);
    key.itemType = items.type as NonNullable<PolicyKey['itemType']>;
    if (typeof items.pattern === 'string') key.itemPattern = items.pattern;
    if (key.itemType === 'object' && isNode(items.properties)) {
      const required = Array.isArray(items.required) ? (items.required as string[]) : [];
      key.itemFields = Object.entries(items.properties).map(([name, child]) => {
        const field = child as Node;
        return {
          name,
          type: String(field.type),
          required: required.includes(name),
          ...(Array.isArray(field.enum) ? { enum: field.enum as string[] } : {}),
        };
      });
    }
  }
  return key;
}

function walk(node: Node, segments: string[], out: PolicyKey[]): void {
  if (node.type === 'object' && isNode(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      if (!isNode(child)) throw new Error(`${[...segments, name].join('.')}: not a schema`);
      walk(child, [...segments, name], out);
    }
    return;
  }
  if (node.type === 'object') {
    throw new Error(`${segments.join('.')}: free-form objects are not templated`);
  }
  out.push(leaf(segments.join('.'), segments, node));
}

/** The settings' JSON Schema (input side: what an admin writes, before defaults fill in). */
export function settingsJsonSchema(settings: z.ZodType = Settings): Node {
  return z.toJSONSchema(settings, { io: 'input', unrepresentable: 'throw' }) as Node;
}

/** Every policy key, in the schema's order (vendor, each vendor's connection, then the rest). */
export function policyKeys(): PolicyKey[] {
  const out: PolicyKey[] = [];
  walk(settingsJsonSchema(), [], out);
  const stale = Object.keys(EXAMPLES).filter((path) => !out.some((key) => key.path === path));
  if (stale.length > 0) throw new Error(`Examples for keys that do not exist: ${stale.join(', ')}`);
  return out;
}

/** The groups a key belongs to, for the guide's sections and the templates' categories. */
export interface KeyGroup {
  id: string;
  title: string;
  description: string;
  keys: PolicyKey[];
}

export function keyGroups(keys: readonly PolicyKey[] = policyKeys()): KeyGroup[] {
  const groups: KeyGroup[] = [];
  const add = (id: string, title: string, description: string, list: PolicyKey[]): void => {
    if (list.length > 0) groups.push({ id, title, description, keys: list });
  };
  add(
    'vendor',
    'Platform',
    describe('vendor'),
    keys.filter((k) => k.path === 'vendor'),
  );
  for (const vendor of VENDORS) {
    add(
      `connection.${vendor.id}`,
      `Connection: ${vendor.label}`,
      describe(`connection.${vendor.id}`),
      keys.filter((k) => k.vendor === vendor.id),
    );
  }
  const rest = keys.filter((k) => k.path !== 'vendor' && k.segments[0] !== 'connection');
  const tops = [...new Set(rest.map((k) => k.segments[0] as string))];
  for (const top of tops) {
    add(
      top,
      TITLES[top] ?? top,
      describe(top),
      rest.filter((k) => k.segments[0] === top),
    );
  }
  const covered = groups.reduce((n, g) => n + g.keys.length, 0);
  if (covered !== keys.length) throw new Error('A policy key belongs to no group');
  return groups;
}

const TITLES: Readonly<Record<string, string>> = {
  clickToDial: 'Click-to-dial',
  screenPop: 'Screen-pop',
  dispositions: 'Dispositions',
  agent: 'Agent state',
  directory: 'Directory',
  history: 'Call history',
  ui: 'Interface',
};

/** Sets `value` at `segments` in a fresh nested object. */
export function setPath(target: JsonObject, segments: readonly string[], value: Json): void {
  let node = target;
  segments.slice(0, -1).forEach((segment) => {
    const next = node[segment];
    if (isNode(next)) node = next as JsonObject;
    else {
      const created: JsonObject = {};
      node[segment] = created;
      node = created;
    }
  });
  node[segments.at(-1) as string] = value;
}

/** A policy object holding every key's example: what the reference tables show, all at once. */
export function everyExample(keys: readonly PolicyKey[] = policyKeys()): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) setPath(out, key.segments, key.example);
  return out;
}
