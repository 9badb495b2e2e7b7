/**
 * `npm run package`: builds Switchboard for Chrome, Edge and Firefox and writes every release
 * artefact into one folder (`.output/release/` unless `--out` says otherwise):
 *
 * - the three store zips (`wxt zip`; Chrome's and Edge's without the manifest `key`, which the
 *   stores refuse), and Firefox's sources archive;
 * - `switchboard-<version>-chrome.crx` and `-edge.crx`, CRX3 signed with the private key of the
 *   manifest key, with `update-chrome.xml` and `update-edge.xml` (gupdate) for self-hosting;
 * - `switchboard-<version>-firefox.xpi` (unsigned: Mozilla signs it) with `updates.json`;
 * - `SHA256SUMS`, and the admin kit of docs/admin/ under `admin/` when there is one.
 *
 * Options (each also read from the environment):
 *   --base-url URL     SWITCHBOARD_UPDATE_BASE_URL: where the packages will be served from
 *   --key-file PATH    SWITCHBOARD_CRX_KEY_FILE: the signing key (PEM); or the PEM text itself
 *                      in SWITCHBOARD_CRX_KEY
 *   --out DIR          the release folder (default .output/release)
 *   --build-dir DIR    where WXT builds (default .output)
 *   --allow-other-id   sign with a key that is not the manifest key's (tests only: the packages
 *                      then install under another id)
 * docs/admin/packaging.md is the admin's guide to all of this.
 */
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import crx3 from 'crx3';
import JSZip from 'jszip';
import { zip as wxtZip } from 'wxt';
import { GECKO_ID } from '../wxt.config';
import {
  PLACEHOLDER_BASE_URL,
  checkSigningKey,
  firefoxUpdatesJson,
  joinUrl,
  loadSigningKey,
  selfHostedChromiumManifest,
  selfHostedFirefoxManifest,
  storeChromiumManifest,
  updateXml,
} from './release';

type Manifest = Record<string, unknown>;
type Browser = 'chrome' | 'edge' | 'firefox';

const ROOT = resolve(import.meta.dirname, '..');

/** Folders of the project that are not sources (gitignored): kept out of the sources archive. */
const NOT_SOURCES = [
  'demo-output/**',
  'test-results/**',
  'playwright-report/**',
  'dist/**',
  '**/*.log',
];

interface Options {
  out: string;
  buildDir: string;
  baseUrl: string;
  keyFile?: string;
  allowOtherId: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'build-dir': { type: 'string' },
      'base-url': { type: 'string' },
      'key-file': { type: 'string' },
      'allow-other-id': { type: 'boolean', default: false },
    },
  });
  const env = process.env;
  return {
    out: resolve(values.out ?? join(ROOT, '.output/release')),
    buildDir: resolve(values['build-dir'] ?? join(ROOT, '.output')),
    baseUrl: values['base-url'] ?? env.SWITCHBOARD_UPDATE_BASE_URL ?? PLACEHOLDER_BASE_URL,
    keyFile: values['key-file'] ?? (env.SWITCHBOARD_CRX_KEY_FILE || undefined),
    allowOtherId: values['allow-other-id'] ?? false,
  };
}

/** `wxt zip` for one browser: its store zip and, for Firefox, its sources archive. */
async function storeZips(browser: Browser, buildDir: string): Promise<string[]> {
  return wxtZip({
    root: ROOT,
    browser,
    outDir: buildDir,
    zip: { excludeSources: NOT_SOURCES },
  });
}

async function readManifest(archive: JSZip): Promise<Manifest> {
  const file = archive.file('manifest.json');
  if (!file) throw new Error('The store zip has no manifest.json at its root.');
  return JSON.parse(await file.async('string')) as Manifest;
}

/** The store zip with its manifest replaced. */
async function withManifest(archive: JSZip, manifest: Manifest): Promise<Buffer> {
  archive.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return archive.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
}

/** Signs `payload` (a zip) into a CRX3 at `crxPath` with the key in `keyPath`. */
async function writeCrx(payload: Buffer, keyPath: string, crxPath: string): Promise<void> {
  await crx3(Readable.from([payload]), { keyPath, crxPath });
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function main(): Promise<void> {
  const options = readOptions();
  const key = loadSigningKey({
    pem: process.env.SWITCHBOARD_CRX_KEY || undefined,
    file: options.keyFile,
    readFile: (path) => readFileSync(path, 'utf8'),
  });
  mkdirSync(options.out, { recursive: true });
  const written: string[] = [];
  const copy = (path: string): void => {
    const target = join(options.out, basename(path));
    cpSync(path, target);
    written.push(target);
  };
  const write = (name: string, content: string | Buffer): string => {
    const target = join(options.out, name);
    writeFileSync(target, content);
    written.push(target);
    return target;
  };

  // crx3 reads its key from a file: a private one, removed when done.
  const keyDir = mkdtempSync(join(tmpdir(), 'switchboard-crx-key-'));
  const keyPath = join(keyDir, 'key.pem');
  writeFileSync(keyPath, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  try {
    for (const browser of ['chrome', 'edge'] as const) {
      const [storeZip] = await storeZips(browser, options.buildDir);
      if (!storeZip) throw new Error(`wxt zip wrote no ${browser} zip.`);
      const archive = await JSZip.loadAsync(readFileSync(storeZip));
      const manifest = await readManifest(archive);
      const id = checkSigningKey(key, String(manifest.key), options.allowOtherId);
      // The stores refuse a manifest with a `key` and give the extension their own id.
      const storeArchive = await JSZip.loadAsync(readFileSync(storeZip));
      write(basename(storeZip), await withManifest(storeArchive, storeChromiumManifest(manifest)));
      const version = String(manifest.version);
      const crxName = `switchboard-${version}-${browser}.crx`;
      const xmlName = `update-${browser}.xml`;
      const payload = await withManifest(
        archive,
        selfHostedChromiumManifest(manifest, joinUrl(options.baseUrl, xmlName)),
      );
      const crxPath = join(options.out, crxName);
      await writeCrx(payload, keyPath, crxPath);
      written.push(crxPath);
      const minimum = manifest.minimum_chrome_version;
      write(
        xmlName,
        updateXml({
          appId: id,
          version,
          codebase: joinUrl(options.baseUrl, crxName),
          ...(typeof minimum === 'string' ? { minimumBrowserVersion: minimum } : {}),
        }),
      );
    }
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }

  const firefoxZips = await storeZips('firefox', options.buildDir);
  const storeZip = firefoxZips.find((path) => !path.endsWith('-sources.zip'));
  if (!storeZip) throw new Error('wxt zip wrote no Firefox zip.');
  firefoxZips.forEach(copy);
  const archive = await JSZip.loadAsync(readFileSync(storeZip));
  const manifest = await readManifest(archive);
  const version = String(manifest.version);
  const xpiName = `switchboard-${version}-firefox.xpi`;
  write(
    xpiName,
    await withManifest(
      archive,
      selfHostedFirefoxManifest(manifest, joinUrl(options.baseUrl, 'updates.json')),
    ),
  );
  const gecko = (manifest.browser_specific_settings as { gecko: Record<string, string> }).gecko;
  if (gecko.id !== GECKO_ID) throw new Error(`The Firefox build's id is ${gecko.id}.`);
  write(
    'updates.json',
    firefoxUpdatesJson({
      geckoId: GECKO_ID,
      version,
      updateLink: joinUrl(options.baseUrl, xpiName),
      ...(gecko.strict_min_version ? { strictMinVersion: gecko.strict_min_version } : {}),
    }),
  );

  const sums = written
    .map((path) => basename(path))
    .sort()
    .map((name) => `${sha256(join(options.out, name))}  ${name}`);
  write('SHA256SUMS', `${sums.join('\n')}\n`);

  const adminKit = join(ROOT, 'docs/admin');
  if (existsSync(adminKit)) cpSync(adminKit, join(options.out, 'admin'), { recursive: true });

  console.log(`Release in ${options.out}:`);
  for (const path of written) console.log(`  ${basename(path)}`);
  if (options.baseUrl === PLACEHOLDER_BASE_URL) {
    console.warn(
      `The update manifests point at the placeholder ${PLACEHOLDER_BASE_URL}: set ` +
        'SWITCHBOARD_UPDATE_BASE_URL (or --base-url) to where the packages will be served.',
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
