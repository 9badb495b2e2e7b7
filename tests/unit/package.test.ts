/**
 * `npm run package` (scripts/package.ts), run once into a temporary folder with a throwaway
 * signing key: the CRX3 packages parse and are signed by that key, the update manifests name the
 * id, version and package URLs, the store zips and the XPI hold their manifests, and the CRX's
 * contents, installed in Chromium, run under the id the README gives.
 */
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSigningKey, extensionIdFromPublicKey, publicKeyDer } from '../../scripts/release';
import { EXTENSION_ID, GECKO_ID } from '../../wxt.config';
import { launchWithExtension } from '../support/chromium';
import { parseCrx3 } from '../support/crx3';

const ROOT = resolve(import.meta.dirname, '../..');
const BASE_URL = 'https://updates.example.test/switchboard/';
/** Three builds and zips on a shared two-core machine. */
const PACKAGE_TIMEOUT = 900_000;

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

let work: string;
let release: string;
let key: KeyObject;

function releaseFile(name: string): Buffer {
  return readFileSync(join(release, name));
}

async function zipManifest(zip: Buffer): Promise<Record<string, unknown>> {
  const file = (await JSZip.loadAsync(zip)).file('manifest.json');
  if (!file) throw new Error('no manifest.json at the zip root');
  return JSON.parse(await file.async('string')) as Record<string, unknown>;
}

function readmeExtensionId(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const match = /## Extension id[\s\S]*?\*\*`([a-p]{32})`\*\*/.exec(readme);
  if (!match?.[1]) throw new Error('README.md names no extension id under "Extension id"');
  return match[1];
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'switchboard-package-'));
  release = join(work, 'release');
  key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const keyFile = join(work, 'throwaway.pem');
  writeFileSync(keyFile, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const env = { ...process.env };
  delete env.SWITCHBOARD_CRX_KEY;
  delete env.SWITCHBOARD_UPDATE_BASE_URL;
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/tsx'),
    [
      'scripts/package.ts',
      '--out',
      release,
      '--build-dir',
      join(work, 'build'),
      '--key-file',
      keyFile,
      '--base-url',
      BASE_URL,
      '--allow-other-id',
    ],
    { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
  );
}, PACKAGE_TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['chrome', 'edge'] as const)('the %s CRX3', (browser) => {
  const crxName = `switchboard-${version}-${browser}.crx`;
  const xmlName = `update-${browser}.xml`;

  it('is a CRX3 signed by the signing key, whose id it carries', () => {
    const crx = parseCrx3(releaseFile(crxName));
    expect(crx.version).toBe(3);
    expect(crx.publicKeys).toEqual([publicKeyDer(key)]);
    const id = [...crx.crxId.toString('hex')]
      .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
      .join('');
    expect(id).toBe(extensionIdFromPublicKey(publicKeyDer(key)));
  });

  it('fails the check once a byte of its zip changes', () => {
    const file = Buffer.from(releaseFile(crxName));
    file[file.length - 30] = (file[file.length - 30] ?? 0) ^ 0xff;
    expect(() => parseCrx3(file)).toThrow(/bad RSA signature/);
  });

  it('holds the build with the manifest key and the update URL of its update.xml', async () => {
    const manifest = await zipManifest(parseCrx3(releaseFile(crxName)).zip);
    expect(extensionIdFromPublicKey(Buffer.from(String(manifest.key), 'base64'))).toBe(
      EXTENSION_ID,
    );
    expect(manifest.version).toBe(version);
    expect(manifest.update_url).toBe(`${BASE_URL}${xmlName}`);
  });

  it('has a well-formed update.xml naming the id, the version and the CRX', () => {
    const text = releaseFile(xmlName).toString('utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const { gupdate } = xml.parse(text) as {
      gupdate: {
        xmlns: string;
        protocol: string;
        app: { appid: string; updatecheck: { codebase: string; version: string } };
      };
    };
    expect(gupdate.xmlns).toBe('http://www.google.com/update2/response');
    expect(gupdate.protocol).toBe('2.0');
    expect(gupdate.app.appid).toBe(extensionIdFromPublicKey(publicKeyDer(key)));
    expect(gupdate.app.updatecheck).toEqual({ codebase: `${BASE_URL}${crxName}`, version });
  });

  it('comes with its store zip, which has neither key nor update URL', async () => {
    const manifest = await zipManifest(releaseFile(`switchboard-${version}-${browser}.zip`));
    expect(manifest.version).toBe(version);
    expect(manifest.key).toBeUndefined();
    expect(manifest.update_url).toBeUndefined();
    const built = await zipManifest(parseCrx3(releaseFile(crxName)).zip);
    expect({ ...manifest, key: built.key, update_url: built.update_url }).toEqual(built);
  });
});

describe('the Edge build', () => {
  it('carries the key that fixes the id, and the listing fields Edge Add-ons reads', async () => {
    const zip = parseCrx3(releaseFile(`switchboard-${version}-edge.crx`)).zip;
    const archive = await JSZip.loadAsync(zip);
    const manifest = await zipManifest(zip);
    expect(extensionIdFromPublicKey(Buffer.from(String(manifest.key), 'base64'))).toBe(
      EXTENSION_ID,
    );
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.icons).toHaveProperty('128');
    expect(archive.file(String((manifest.icons as Record<string, string>)['128']))).not.toBeNull();
    // Name and description come from the messages of each language: Edge Add-ons, like the
    // Chrome Web Store, takes at most 45 and 132 characters.
    const locales = archive.file(/^_locales\/[^/]+\/messages\.json$/);
    expect(locales.length).toBeGreaterThan(0);
    for (const file of locales) {
      const messages = JSON.parse(await file.async('string')) as Record<
        string,
        { message: string }
      >;
      expect(messages.manifest_name?.message.length, file.name).toBeLessThanOrEqual(45);
      expect(messages.manifest_description?.message.length, file.name).toBeLessThanOrEqual(132);
    }
    expect(manifest.default_locale).toBe('en');
  });
});

describe('the Firefox packages', () => {
  const xpiName = `switchboard-${version}-firefox.xpi`;

  it('has an updates.json keyed by the gecko id, naming the XPI', () => {
    const updates = JSON.parse(releaseFile('updates.json').toString('utf8')) as {
      addons: Record<string, { updates: Record<string, unknown>[] }>;
    };
    expect(Object.keys(updates.addons)).toEqual([GECKO_ID]);
    expect(updates.addons[GECKO_ID]?.updates).toEqual([
      {
        version,
        update_link: `${BASE_URL}${xpiName}`,
        applications: { gecko: { strict_min_version: '115.0' } },
      },
    ]);
  });

  it('has an XPI whose manifest points Firefox at updates.json', async () => {
    const manifest = await zipManifest(releaseFile(xpiName));
    expect(manifest.version).toBe(version);
    expect(manifest.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: '115.0', update_url: `${BASE_URL}updates.json` },
    });
  });

  it('has the store zip and the sources archive', async () => {
    const manifest = await zipManifest(releaseFile(`switchboard-${version}-firefox.zip`));
    expect(manifest.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: '115.0' },
    });
    const sources = await JSZip.loadAsync(releaseFile(`switchboard-${version}-sources.zip`));
    expect(sources.file('package.json')).not.toBeNull();
    expect(sources.file('wxt.config.ts')).not.toBeNull();
    expect(sources.file(/^node_modules\//)).toEqual([]);
  });
});

it('lists every artefact with its SHA-256', () => {
  const lines = releaseFile('SHA256SUMS').toString('utf8').trim().split('\n');
  const names = lines.map((line) => line.split('  ')[1]);
  expect(names).toEqual(
    [
      'switchboard-%s-chrome.crx',
      'switchboard-%s-chrome.zip',
      'switchboard-%s-edge.crx',
      'switchboard-%s-edge.zip',
      'switchboard-%s-firefox.xpi',
      'switchboard-%s-firefox.zip',
      'switchboard-%s-sources.zip',
      'update-chrome.xml',
      'update-edge.xml',
      'updates.json',
    ].map((name) => name.replace('%s', version)),
  );
  for (const line of lines) {
    const [sum, name] = line.split('  ') as [string, string];
    expect(createHash('sha256').update(releaseFile(name)).digest('hex'), name).toBe(sum);
  }
});

it('refuses a signing key that is not the manifest key, unless told the id may differ', async () => {
  const manifest = await zipManifest(
    parseCrx3(releaseFile(`switchboard-${version}-chrome.crx`)).zip,
  );
  expect(() => checkSigningKey(key, String(manifest.key), false)).toThrow(
    new RegExp(`install as ${extensionIdFromPublicKey(publicKeyDer(key))}, not ${EXTENSION_ID}`),
  );
  expect(checkSigningKey(key, String(manifest.key), true)).toBe(
    extensionIdFromPublicKey(publicKeyDer(key)),
  );
});

it("installs the CRX's contents in Chromium under the README's id", async () => {
  const archive = await JSZip.loadAsync(
    parseCrx3(releaseFile(`switchboard-${version}-chrome.crx`)).zip,
  );
  const unpacked = join(work, 'unpacked');
  for (const file of Object.values(archive.files)) {
    if (file.dir) continue;
    const target = join(unpacked, file.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await file.async('nodebuffer'));
  }
  const browser = await launchWithExtension({ extensionDir: unpacked });
  try {
    const worker = await browser.serviceWorker();
    expect(new URL(worker.url()).host).toBe(EXTENSION_ID);
    expect(browser.extensionId).toBe(readmeExtensionId());
  } finally {
    await browser.close();
  }
}, 120_000);
