/**
 * Walks the vendor registry: every vendor comes with everything a vendor needs (simulator,
 * conformance run, managed-schema entries, labels, a row in docs/vendors.md, a demo), and every
 * vendor folder is registered.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_VENDORS } from '../../../scripts/demo-vendors';
import { signInConnectionFields, type ConnectionFieldText } from '../../../utils/cti/vendor';
import { VENDORS } from '../../../utils/cti/vendors';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const managed = JSON.parse(read('public/managed_schema.json')) as {
  properties: {
    vendor: { enum: string[] };
    connection: {
      properties: Record<
        string,
        { description?: string; properties: Record<string, { description?: string }> }
      >;
    };
  };
};

describe('the vendor registry', () => {
  it('lists every vendor folder once, by the folder’s name', () => {
    const folders = readdirSync(join(ROOT, 'utils/cti/vendors'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
      .map((entry) => entry.name)
      .sort();
    expect(VENDORS.map((v) => v.id).sort()).toEqual(folders);
  });

  describe.each(VENDORS.map((vendor) => [vendor.id, vendor] as const))('%s', (id, vendor) => {
    it('has a simulator and a conformance run against it', () => {
      expect(existsSync(join(ROOT, `tests/simulators/${id}/index.ts`))).toBe(true);
      expect(read(`tests/conformance/${id}.test.ts`)).toContain('defineConformanceSuite(');
    });

    it('has its settings in managed_schema.json, each described for admins', () => {
      expect(managed.properties.vendor.enum).toContain(id);
      const entry = managed.properties.connection.properties[id];
      expect(entry?.description).toBe(vendor.connection.policy);
      const fields: Readonly<Record<string, ConnectionFieldText>> = vendor.connection.fields;
      for (const key of Object.keys(vendor.connection.schema.shape)) {
        expect(entry?.properties[key]?.description, key).toBe(fields[key]?.policy);
      }
    });

    it('words every setting and sign-in field', () => {
      const fields: Readonly<Record<string, ConnectionFieldText>> = vendor.connection.fields;
      expect(Object.keys(fields).sort()).toEqual(
        Object.keys(vendor.connection.schema.shape).sort(),
      );
      for (const text of Object.values(fields)) {
        expect(text.label.trim()).not.toBe('');
        expect(text.policy.trim()).not.toBe('');
      }
      expect(vendor.signInFields.length).toBeGreaterThan(0);
      for (const field of [...vendor.signInFields, ...signInConnectionFields(vendor)]) {
        expect(field.label.trim()).not.toBe('');
      }
    });

    it('has a section in docs/vendors.md and a demo', () => {
      expect(read('docs/vendors.md')).toMatch(new RegExp(`^## .+ — \`${id}\`$`, 'm'));
      expect(DEMO_VENDORS[id]).toBeDefined();
    });
  });
});
