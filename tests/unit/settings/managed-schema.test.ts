import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildManagedSchema, type ChromeSchema } from '../../../scripts/managed-schema';
import { resolveSettings } from '../../../utils/settings/policy';
import { DEFAULT_SETTINGS, POLICY_KEYS } from '../../../utils/settings/schema';

const committed = JSON.parse(
  readFileSync(new URL('../../../public/managed_schema.json', import.meta.url), 'utf8'),
) as ChromeSchema;

const ALLOWED_KEYS = new Set([
  'type',
  'description',
  'properties',
  'items',
  'enum',
  'additionalProperties',
]);

/** Every schema node with its path, root first. */
function nodes(schema: ChromeSchema, path = ''): [string, ChromeSchema][] {
  return [
    [path, schema],
    ...Object.entries(schema.properties ?? {}).flatMap(([k, s]) =>
      nodes(s, path ? `${path}.${k}` : k),
    ),
    ...(schema.items ? nodes(schema.items, `${path}[]`) : []),
    ...(schema.additionalProperties ? nodes(schema.additionalProperties, `${path}.*`) : []),
  ];
}

/**
 * What Chrome does with a policy value: accept it only when it has the declared type, enum and
 * shape. (Chrome drops values that fail; we check that a valid setting is never one of them.)
 */
function conforms(value: unknown, schema: ChromeSchema): boolean {
  if (schema.enum && !schema.enum.includes(value as string | number)) return false;
  switch (schema.type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value) && value.every((v) => !schema.items || conforms(v, schema.items));
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      return Object.entries(value).every(([k, v]) => {
        const child = schema.properties?.[k] ?? schema.additionalProperties;
        return child !== undefined && conforms(v, child);
      });
    }
  }
}

describe('public/managed_schema.json', () => {
  it('is exactly what the generator makes from utils/settings/schema.ts (run npm run gen:managed-schema)', () => {
    expect(committed).toEqual(buildManagedSchema());
  });

  it('declares every top-level setting, with a description for admins', () => {
    expect(Object.keys(committed.properties ?? {}).sort()).toEqual([...POLICY_KEYS].sort());
    for (const key of POLICY_KEYS) expect(committed.properties?.[key]?.description).toBeTruthy();
  });

  it("stays in Chrome's dialect", () => {
    expect(committed.type).toBe('object');
    expect(committed.additionalProperties).toBeUndefined();
    expect(committed).not.toHaveProperty('$schema');
    for (const [path, node] of nodes(committed)) {
      for (const key of Object.keys(node))
        expect(ALLOWED_KEYS.has(key), `${path}: ${key}`).toBe(true);
      expect(['object', 'array', 'string', 'boolean', 'integer', 'number'], path).toContain(
        node.type,
      );
      if (node.type === 'array') expect(node.items, path).toBeDefined();
      if (node.type === 'object')
        expect(node.properties ?? node.additionalProperties, path).toBeDefined();
      if (node.enum)
        expect(
          node.enum.every((v) => typeof v === (node.type === 'string' ? 'string' : 'number')),
        ).toBe(true);
    }
  });

  it('documents every setting', () => {
    for (const [path, node] of nodes(committed)) {
      if (path && !path.endsWith('[]')) expect(node.description, path).toBeTruthy();
    }
  });

  it('holds no secrets', () => {
    const paths = nodes(committed).map(([path]) => path);
    expect(paths.filter((p) => /password|secret|token|credential/i.test(p))).toEqual([]);
  });

  it('lets every valid setting through, so Chrome never drops a value we would accept', () => {
    expect(conforms(DEFAULT_SETTINGS, committed)).toBe(true);
    const { settings, problems } = resolveSettings(
      {},
      {
        vendor: 'anywhere365',
        connection: {
          xivo: { server: 'https://xuc.example.com', dialFormat: 'national', dialPrefix: '9' },
        },
        clickToDial: {
          sites: { mode: 'allow', patterns: ['https://*.example.com/*'] },
          blockedPrefixes: ['+1900'],
        },
        screenPop: {
          rules: [
            {
              id: 'r',
              trigger: 'answered',
              direction: 'any',
              queue: 'S*',
              url: 'https://x.example.com/',
              target: 'window',
            },
          ],
          allowedOrigins: ['https://*.example.com'],
        },
        dispositions: { required: true, codes: [{ code: 'sale', label: 'Sale' }] },
        ui: { language: 'en' },
      },
    );
    expect(problems).toEqual([]);
    expect(conforms(settings, committed)).toBe(true);
  });

  it('rejects values of the wrong type or outside an enum, as Chrome will', () => {
    expect(conforms({ vendor: 'nortel' }, committed)).toBe(false);
    expect(conforms({ clickToDial: { enabled: 'yes' } }, committed)).toBe(false);
    expect(conforms({ nope: 1 }, committed)).toBe(false);
  });
});

describe('buildManagedSchema', () => {
  const schema = z.object({
    a: z.string().default('x'),
    n: z.number().int().min(1),
    list: z.array(z.string()),
  });
  const described = { a: 'A.', n: 'N.', list: 'L.' };

  it('reduces zod to the dialect: no defaults, bounds or required', () => {
    expect(buildManagedSchema(schema, described)).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string', description: 'A.' },
        n: { type: 'integer', description: 'N.' },
        list: { type: 'array', description: 'L.', items: { type: 'string' } },
      },
    });
  });

  it('keeps free-form maps below the top level', () => {
    const withMap = z.object({ m: z.record(z.string(), z.boolean()) });
    expect(buildManagedSchema(withMap, { m: 'M.' }).properties?.m).toEqual({
      type: 'object',
      description: 'M.',
      additionalProperties: { type: 'boolean' },
    });
  });

  it('refuses a setting without a description, and a description without a setting', () => {
    expect(() => buildManagedSchema(schema, { a: 'A.', n: 'N.' })).toThrow(
      /list: add a description/,
    );
    expect(() => buildManagedSchema(schema, { ...described, gone: 'G.' })).toThrow(/gone/);
  });

  it("refuses what Chrome's dialect cannot say", () => {
    const twoTypes = z.object({ u: z.union([z.string(), z.number()]) });
    expect(() => buildManagedSchema(twoTypes, { u: 'U.' })).toThrow(/u: needs exactly one type/);
    const union = z.object({
      u: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]),
    });
    expect(() => buildManagedSchema(union, { u: 'U.' })).toThrow(/anyOf/);
    const nullable = z.object({ v: z.string().nullable() });
    expect(() => buildManagedSchema(nullable, { v: 'V.' })).toThrow(/v:/);
  });
});
