/**
 * Builds `public/managed_schema.json` from `utils/settings/schema.ts`, the single source of every
 * setting (DESIGN.md "Settings and policy"). Chrome validates policy against this file and
 * silently drops keys it does not declare, and refuses to load the extension when the file is
 * not in its dialect: a subset of JSON Schema where every node has exactly one `type` and only
 * `properties`, `items`, `enum`, `description` (and `additionalProperties` for maps) are used here. (Chrome documents
 * the format at developer.chrome.com/docs/extensions/reference/manifest/storage.)
 *
 * zod writes standard JSON Schema; this module reduces it to that subset and adds the admin
 * descriptions below. It throws on anything it cannot express, on a setting without a
 * description and on a description for a setting that no longer exists, so the test that
 * compares the committed file fails until a new setting is documented.
 */
import { z } from 'zod';
import { Settings } from '../utils/settings/schema';
import { DESCRIPTIONS } from './managed-schema-descriptions';

export type ChromeType = 'object' | 'array' | 'string' | 'boolean' | 'integer' | 'number';

export interface ChromeSchema {
  type: ChromeType;
  description?: string;
  properties?: Record<string, ChromeSchema>;
  items?: ChromeSchema;
  enum?: (string | number)[];
  /** Chrome accepts it below the top level: the schema of every key of a free-form map. */
  additionalProperties?: ChromeSchema;
}

const CHROME_TYPES: readonly string[] = [
  'object',
  'array',
  'string',
  'boolean',
  'integer',
  'number',
];

/**
 * JSON Schema keywords that only constrain values. Chrome's dialect cannot say them (or we keep
 * to the documented subset); policy values are still checked by zod when they are applied.
 */
const DROPPED = new Set([
  'default',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'required',
  // A map's keys are strings in Chrome anyway.
  'propertyNames',
]);

const KEPT = new Set([
  'type',
  'properties',
  'items',
  'enum',
  'description',
  'additionalProperties',
  '$schema',
]);

type JsonSchemaNode = Record<string, unknown>;

const isNode = (v: unknown): v is JsonSchemaNode =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Descriptions = Readonly<Record<string, string>>;

function reduce(
  node: JsonSchemaNode,
  path: string,
  descriptions: Descriptions,
  used: Set<string>,
): ChromeSchema {
  for (const key of Object.keys(node)) {
    if (!KEPT.has(key) && !DROPPED.has(key)) {
      throw new Error(
        `${path || '(root)'}: "${key}" cannot be expressed in Chrome's policy schema`,
      );
    }
  }
  const type = node.type;
  if (typeof type !== 'string' || !CHROME_TYPES.includes(type)) {
    throw new Error(
      `${path || '(root)'}: needs exactly one type Chrome knows, got ${JSON.stringify(type)}`,
    );
  }
  const out: ChromeSchema = { type: type as ChromeType };
  const description = descriptions[path];
  if (description !== undefined) {
    out.description = description;
    used.add(path);
  } else if (path !== '' && !path.endsWith('[]') && !path.endsWith('.*')) {
    throw new Error(
      `${path}: add a description for admins in scripts/managed-schema-descriptions.ts`,
    );
  }
  if (Array.isArray(node.enum)) out.enum = node.enum.map((v) => v as string | number);
  if (isNode(node.properties)) {
    out.properties = {};
    for (const [key, child] of Object.entries(node.properties)) {
      if (!isNode(child)) throw new Error(`${path}.${key}: not a schema`);
      out.properties[key] = reduce(child, path ? `${path}.${key}` : key, descriptions, used);
    }
  }
  if (isNode(node.additionalProperties)) {
    if (path === '') throw new Error('Chrome forbids additionalProperties on the top-level object');
    out.additionalProperties = reduce(node.additionalProperties, `${path}.*`, descriptions, used);
  }
  if (node.items !== undefined) {
    if (!isNode(node.items)) throw new Error(`${path}: tuple arrays cannot be expressed`);
    out.items = reduce(node.items, `${path}[]`, descriptions, used);
  }
  return out;
}

/** Parameters exist for tests; the committed file is built from the defaults. */
export function buildManagedSchema(
  settings: z.ZodType = Settings,
  descriptions: Descriptions = DESCRIPTIONS,
): ChromeSchema {
  // `input`: policy supplies what the user would type, before zod fills defaults.
  const jsonSchema = z.toJSONSchema(settings, {
    io: 'input',
    unrepresentable: 'throw',
  }) as JsonSchemaNode;
  const used = new Set<string>();
  const schema = reduce(jsonSchema, '', descriptions, used);
  const stale = Object.keys(descriptions).filter((path) => !used.has(path));
  if (stale.length > 0)
    throw new Error(`Descriptions for settings that do not exist: ${stale.join(', ')}`);
  return schema;
}
