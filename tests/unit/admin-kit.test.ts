/**
 * The admin kit (docs/admin/, scripts/admin/): the committed files are what the generator builds
 * from the settings schema now, the XML templates are well-formed and name every key, the profile
 * is a property list, and every example is a valid policy for managed_schema.json and for the
 * settings schema itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_BROWSERS,
  EXTENSION_ID,
  GECKO_ID,
  files,
  policyMacDomain,
  policyRegistryKey,
} from '../../scripts/admin/browsers';
import {
  isAsciiText,
  isXmlString,
  parseRegValue,
  regDword,
  regString,
  xmlAttr,
  xmlText,
} from '../../scripts/admin/escape';
import { DEPLOYMENT } from '../../scripts/admin/examples';
import { buildAdminKit } from '../../scripts/admin/kit';
import type { JsonObject, PolicyKey } from '../../scripts/admin/model';
import { everyExample, policyKeys, setPath } from '../../scripts/admin/model';
import { parseReg, registryToPolicy } from '../../scripts/admin/registry';
import { Settings } from '../../utils/settings/schema';
import { resolveSettings } from '../../utils/settings/policy';
import { checkProperty } from '../support/property';

const dir = fileURLToPath(new URL('../../docs/admin', import.meta.url));
const read = (path: string): string => readFileSync(join(dir, path), 'utf8');
const managedSchema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../public/managed_schema.json', import.meta.url)), 'utf8'),
) as object;

const keys: PolicyKey[] = policyKeys();
const validate = new Ajv({ strict: false, allErrors: true }).compile(managedSchema);

/** Valid for Chrome's schema (managed_schema.json) and for Switchboard's own rules (zod). */
function expectValidPolicy(policy: unknown, what: string): void {
  const ok = validate(policy);
  expect(ok ? [] : validate.errors, `${what} against managed_schema.json`).toEqual([]);
  const parsed = Settings.safeParse(policy);
  expect(parsed.success ? [] : parsed.error.issues, `${what} against the settings schema`).toEqual(
    [],
  );
}

/** The files of docs/admin/ that are written by hand, beside the generated ones. */
const HAND_WRITTEN = ['packaging.md'];

describe('admin kit files', () => {
  let built: Map<string, string>;
  beforeAll(async () => {
    built = await buildAdminKit(dir);
  });

  it('are committed as the generator builds them (run npm run gen:admin)', () => {
    for (const [path, text] of built) expect(read(path), path).toBe(text);
    const committed = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      .sort();
    expect(committed.filter((path) => !HAND_WRITTEN.includes(path))).toEqual(
      [...built.keys()].sort(),
    );
  });

  it('name every policy key in the guide', () => {
    const guide = read(files.guide);
    for (const key of keys) expect(guide).toContain(`#### \`${key.path}\``);
    expect(guide).toContain(EXTENSION_ID);
    expect(guide).toContain(GECKO_ID);
  });
});

describe('Windows templates', () => {
  for (const browser of CHROMIUM_BROWSERS) {
    it(`${browser.name}: ADMX and ADML are well-formed and name every key`, () => {
      const admx = read(files.admx(browser));
      const adml = read(files.adml(browser));
      expect(XMLValidator.validate(admx)).toBe(true);
      expect(XMLValidator.validate(adml)).toBe(true);
      const doc = new DOMParser().parseFromString(admx, 'text/xml');
      const policies = Array.from(doc.getElementsByTagName('policy'));
      expect(policies).toHaveLength(keys.length);
      const strings = new Set(
        Array.from(
          new DOMParser().parseFromString(adml, 'text/xml').getElementsByTagName('string'),
        ).map((s) => s.getAttribute('id')),
      );
      const root = policyRegistryKey(browser);
      for (const key of keys) {
        const name = `Switchboard_${key.path.replace(/\./g, '_')}`;
        const policy = policies.find((p) => p.getAttribute('name') === name);
        expect(policy, key.path).toBeDefined();
        expect(policy?.getAttribute('key')?.startsWith(root)).toBe(true);
        expect(strings.has(name) && strings.has(`${name}_Explain`), key.path).toBe(true);
      }
      // Every string and presentation the ADMX refers to is in the ADML.
      for (const ref of admx.matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)) {
        expect(strings.has(ref[1] as string), ref[1]).toBe(true);
      }
      for (const ref of admx.matchAll(/\$\(presentation\.([A-Za-z0-9_]+)\)/g)) {
        expect(adml).toContain(`<presentation id="${ref[1]}">`);
      }
    });

    it(`${browser.name}: the .reg example is the deployment, valid against the schema`, () => {
      const text = read(files.reg(browser));
      expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
      expect(isAsciiText(text)).toBe(true);
      const values = parseReg(text);
      for (const v of values) expect(v.key.startsWith(policyRegistryKey(browser))).toBe(true);
      const policy = registryToPolicy(policyRegistryKey(browser), keys, values);
      expect(policy).toEqual(DEPLOYMENT);
      expectValidPolicy(policy, files.reg(browser));
      // Each value is where the ADMX template writes it: a policy's key and value name, or the
      // key of a list element.
      const admx = new DOMParser().parseFromString(read(files.admx(browser)), 'text/xml');
      const written = new Set<string>();
      for (const policy of Array.from(admx.getElementsByTagName('policy'))) {
        const key = policy.getAttribute('key') ?? '';
        const direct = policy.getAttribute('valueName');
        if (direct) written.add(`${key}|${direct}`);
        for (const tag of ['text', 'enum', 'decimal']) {
          for (const element of Array.from(policy.getElementsByTagName(tag))) {
            written.add(`${key}|${element.getAttribute('valueName') ?? ''}`);
          }
        }
        for (const list of Array.from(policy.getElementsByTagName('list'))) {
          written.add(`${list.getAttribute('key') ?? ''}|*`);
        }
      }
      for (const v of values) {
        const where = /^[0-9]+$/.test(v.name) ? `${v.key}|*` : `${v.key}|${v.name}`;
        expect(written.has(where), where).toBe(true);
      }
    });
  }
});

describe('macOS profiles', () => {
  for (const browser of CHROMIUM_BROWSERS) {
    it(`${browser.name}: parses as a property list holding a valid policy`, () => {
      const profile = parsePlist(read(files.mobileconfig(browser))) as Record<string, unknown>;
      expect(profile.PayloadType).toBe('Configuration');
      const [payload] = profile.PayloadContent as Record<string, unknown>[];
      expect(payload?.PayloadType).toBe('com.apple.ManagedClient.preferences');
      const content = payload?.PayloadContent as Record<
        string,
        { Forced: { mcx_preference_settings: unknown }[] }
      >;
      const policy = content[policyMacDomain(browser)]?.Forced[0]?.mcx_preference_settings;
      expect(policy).toEqual(DEPLOYMENT);
      expectValidPolicy(policy, files.mobileconfig(browser));
      const install = content[browser.macDomain]?.Forced[0]?.mcx_preference_settings as JsonObject;
      expect(install.ExtensionInstallForcelist).toEqual([`${EXTENSION_ID};${browser.updateUrl}`]);
      // Every payload has its own identifier and UUID.
      const uuids = [profile.PayloadUUID, payload?.PayloadUUID];
      expect(new Set(uuids).size).toBe(2);
    });
  }
});

describe('Linux and Firefox policy files', () => {
  for (const browser of CHROMIUM_BROWSERS) {
    it(`${browser.name}: 3rdparty.extensions.<id> is a valid policy`, () => {
      const file = JSON.parse(read(files.linux(browser))) as {
        '3rdparty': { extensions: Record<string, unknown> };
      };
      const policy = file['3rdparty'].extensions[EXTENSION_ID];
      expect(policy).toEqual(DEPLOYMENT);
      expectValidPolicy(policy, files.linux(browser));
    });
  }

  it('Firefox: force-installs the XPI and 3rdparty.Extensions.<gecko id> is a valid policy', () => {
    const file = JSON.parse(read(files.firefox)) as {
      policies: {
        ExtensionSettings: Record<string, { installation_mode: string; install_url: string }>;
        '3rdparty': { Extensions: Record<string, unknown> };
      };
    };
    expect(file.policies.ExtensionSettings[GECKO_ID]?.installation_mode).toBe('force_installed');
    expect(file.policies.ExtensionSettings[GECKO_ID]?.install_url).toMatch(/^https:\/\/.+\.xpi$/);
    const policy = file.policies['3rdparty'].Extensions[GECKO_ID];
    expect(policy).toEqual(DEPLOYMENT);
    expectValidPolicy(policy, files.firefox);
  });
});

describe('policy key examples', () => {
  it('each is valid alone and all together, and locks exactly its key', () => {
    for (const key of keys) {
      const policy: JsonObject = {};
      setPath(policy, key.segments, key.example);
      expectValidPolicy(policy, key.path);
      const resolved = resolveSettings({}, policy);
      expect(resolved.problems, key.path).toEqual([]);
      expect(resolved.locked, key.path).toEqual([key.path]);
    }
    expectValidPolicy(everyExample(keys), 'every example');
  });
});

// Code points XML 1.0 can carry (no C0 controls but tab, LF and CR; no U+FFFE/FFFF; no lone surrogates).
const xmlChar = fc
  .oneof(
    fc.constantFrom(
      '\t',
      '\n',
      '\r',
      '\r\n',
      '\u0085',
      '\u2028',
      '&',
      '<',
      '>',
      '"',
      "'",
      ']]>',
      '&amp;',
    ),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
  )
  .filter(isXmlString);

describe('escaping', () => {
  it('XML text and attributes round-trip through a parser', () => {
    checkProperty(
      'admin kit XML escaping',
      fc.property(fc.array(xmlChar, { maxLength: 4 }), (parts) => {
        const value = parts.join('');
        const xml = `<r a="${xmlAttr(value)}">${xmlText(value)}</r>`;
        expect(XMLValidator.validate(xml)).toBe(true);
        const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
        expect(root?.getAttribute('a')).toBe(value);
        expect(root?.textContent).toBe(value);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('XML escaping refuses what XML cannot carry', () => {
    for (const bad of ['\u0000', 'a\u0001', '\uFFFF', '\uD800x']) {
      expect(() => xmlText(bad)).toThrow();
    }
  });

  it('.reg strings and DWORDs round-trip through the .reg parser', () => {
    checkProperty(
      'admin kit .reg escaping',
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.constantFrom('\\', '"', '\\"', 'a"=b'),
        ),
        fc.nat({ max: 0xffffffff }),
        (value, number) => {
          const line = `${regString(value)}=${regString(value)}`;
          const text = `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\X]\r\n${line}\r\n"n"=${regDword(number)}\r\n`;
          expect(isAsciiText(text)).toBe(true);
          const values = parseReg(text);
          expect(values).toEqual([
            { key: 'Software\\X', name: value, type: 'sz', value },
            { key: 'Software\\X', name: 'n', type: 'dword', value: number },
          ]);
          expect(parseRegValue(regString(value))).toBe(value);
        },
      ),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
