/**
 * The update manifests of a self-hosted release (scripts/release.ts): whatever base URL, file name
 * and version an admin's release has, `update.xml` is well-formed and reads back with exactly the
 * id, version and package URL it was given; the package URL is the base's origin and path with
 * the file as one more segment; `updates.json` reads back as written.
 */
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  checkSigningKey,
  extensionIdFromPublicKey,
  firefoxUpdatesJson,
  joinUrl,
  loadSigningKey,
  publicKeyDer,
  updateXml,
} from '../../scripts/release';
import { EXTENSION_ID } from '../../wxt.config';
import { checkProperty } from '../support/property';

const RUNS = 2_000;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

const appId = fc.stringMatching(/^[a-p]{32}$/);
const version = fc
  .array(fc.nat({ max: 65535 }), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('.'));
/** Characters that XML or URLs treat specially, and anything else. */
const awkward = fc.oneof(
  fc.string({ unit: fc.constantFrom('&', '<', '>', "'", '"', '/', '?', '#', '%', ' ', 'a', 'é') }),
  fc.string({ unit: 'grapheme', minLength: 1 }),
);
const base = fc.oneof(
  fc.webUrl({ withQueryParameters: false, withFragments: false }),
  fc.webUrl().map((url) => `${url}/`),
);
const fileName = fc.oneof(
  fc.stringMatching(/^switchboard-[0-9.]{1,12}-(chrome|edge)\.crx$/),
  awkward.filter((name) => name !== '' && name !== '.' && name !== '..'),
);

interface ParsedUpdate {
  gupdate: { app: { appid: string; updatecheck: Record<string, string> } };
}

describe('self-hosted update manifests', () => {
  it('update.xml is well-formed and reads back with its id, version and codebase', () => {
    checkProperty(
      'update.xml',
      fc.property(
        appId,
        fc.oneof(version, awkward),
        base,
        fileName,
        fc.option(version),
        (id, ver, url, file, minimum) => {
          const codebase = joinUrl(url, file);
          const text = updateXml({
            appId: id,
            version: ver,
            codebase,
            ...(minimum === null ? {} : { minimumBrowserVersion: minimum }),
          });
          expect(XMLValidator.validate(text)).toBe(true);
          const parsed = new XMLParser({
            ignoreAttributes: false,
            attributeNamePrefix: '',
            parseAttributeValue: false,
            trimValues: false,
          }).parse(text) as ParsedUpdate;
          expect(parsed.gupdate.app.appid).toBe(id);
          expect(parsed.gupdate.app.updatecheck).toEqual({
            codebase,
            version: ver,
            ...(minimum === null ? {} : { prodversionmin: minimum }),
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a package URL is the base with the file name as one more path segment', () => {
    checkProperty(
      'update base URL',
      fc.property(base, fileName, (url, file) => {
        const joined = new URL(joinUrl(url, file));
        const original = new URL(url);
        expect(joined.origin).toBe(original.origin);
        const segments = joined.pathname.split('/');
        expect(decodeURIComponent(segments.at(-1) ?? '')).toBe(file);
        expect(segments.slice(0, -1).join('/')).toBe(original.pathname.replace(/\/+$/, ''));
      }),
      { numRuns: RUNS },
    );
  });

  it('updates.json reads back as written', () => {
    checkProperty(
      'updates.json',
      fc.property(awkward, version, fc.webUrl(), (geckoId, ver, link) => {
        const parsed = JSON.parse(
          firefoxUpdatesJson({ geckoId, version: ver, updateLink: link }),
        ) as { addons: Record<string, unknown> };
        expect(Object.keys(parsed.addons)).toEqual([geckoId]);
        expect(parsed.addons[geckoId]).toEqual({
          updates: [{ version: ver, update_link: link }],
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => joinUrl('file:///srv/switchboard', 'a.crx')).toThrow(/must be http/);
    expect(() => joinUrl('not a url', 'a.crx')).toThrow();
    expect(() => joinUrl('https://updates.example.com/', '..')).toThrow(/Not a file name/);
  });

  it('escapes what would end an attribute', () => {
    const text = updateXml({ appId: 'a'.repeat(32), version: "1'&<", codebase: 'https://x/' });
    expect(text).toContain("version='1&apos;&amp;&lt;'");
    expect((xml.parse(text) as ParsedUpdate).gupdate.app.updatecheck.version).toBe("1'&<");
  });
});

describe('the signing key', () => {
  it("gives the id of Chromium's rule: the manifest key gives the README's id", async () => {
    const { readFileSync } = await import('node:fs');
    const config = readFileSync(new URL('../../wxt.config.ts', import.meta.url), 'utf8');
    const manifestKey = /const CHROME_KEY =\s*'([^']+)'/.exec(config)?.[1];
    expect(manifestKey).toBeDefined();
    expect(extensionIdFromPublicKey(Buffer.from(manifestKey ?? '', 'base64'))).toBe(EXTENSION_ID);
  });

  it('is accepted when its public half is the manifest key, refused otherwise', () => {
    const own = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const manifestKey = publicKeyDer(own).toString('base64');
    const id = extensionIdFromPublicKey(publicKeyDer(own));
    expect(checkSigningKey(own, manifestKey, false)).toBe(id);
    expect(() => checkSigningKey(other, manifestKey, false)).toThrow(
      `would install as ${extensionIdFromPublicKey(publicKeyDer(other))}, not ${id}`,
    );
    expect(checkSigningKey(other, manifestKey, true)).toBe(
      extensionIdFromPublicKey(publicKeyDer(other)),
    );
  });

  it('is read from a file or from SWITCHBOARD_CRX_KEY, and nothing else is taken for one', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const files: Record<string, string> = { '/keys/switchboard.pem': pem, '/keys/bad.pem': 'x' };
    const readFile = (path: string): string => {
      const text = files[path];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    };
    const der = publicKeyDer(rsa.privateKey);
    expect(publicKeyDer(loadSigningKey({ file: '/keys/switchboard.pem', readFile }))).toEqual(der);
    expect(publicKeyDer(loadSigningKey({ pem, readFile }))).toEqual(der);
    expect(() => loadSigningKey({ readFile })).toThrow(/SWITCHBOARD_CRX_KEY_FILE/);
    expect(() => loadSigningKey({ pem, file: '/keys/switchboard.pem', readFile })).toThrow(
      /one way only/,
    );
    expect(() => loadSigningKey({ file: '/keys/missing.pem', readFile })).toThrow(/Cannot read/);
    expect(() => loadSigningKey({ file: '/keys/bad.pem', readFile })).toThrow(/not a PEM/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const ecPem = ec.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey({ pem: ecPem, readFile })).toThrow(/needs RSA/);
  });
});
