/**
 * The pieces of a self-hosted release (`npm run package`, scripts/package.ts): the signing key and
 * the id it gives, the Chrome/Edge update manifest (`update.xml`, Google's gupdate format), the
 * Firefox update manifest (`updates.json`), and the manifest that a self-hosted package carries.
 * docs/admin/packaging.md explains them to admins.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** Where the update manifests say the packages are, until `--base-url` says otherwise. */
export const PLACEHOLDER_BASE_URL = 'https://updates.example.com/switchboard';

/**
 * The extension id that a public key gives (DER SubjectPublicKeyInfo): the first 16 bytes of its
 * SHA-256, each hex digit 0–f written as a letter a–p.
 */
export function extensionIdFromPublicKey(spkiDer: Uint8Array): string {
  return [...createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)]
    .map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16)))
    .join('');
}

/** The public half of a private key, as DER SubjectPublicKeyInfo. */
export function publicKeyDer(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}

export interface KeySource {
  /** PEM text, from `SWITCHBOARD_CRX_KEY`. */
  pem?: string;
  /** A PEM file, from `--key-file` or `SWITCHBOARD_CRX_KEY_FILE`. */
  file?: string;
  readFile: (path: string) => string;
}

/** The private key that signs the CRX packages, or an error that says where to put it. */
export function loadSigningKey(source: KeySource): KeyObject {
  if (source.pem !== undefined && source.file !== undefined) {
    throw new Error(
      'Both SWITCHBOARD_CRX_KEY and a key file are set: give the signing key one way only.',
    );
  }
  let pem: string;
  let origin: string;
  if (source.pem !== undefined) {
    pem = source.pem;
    origin = 'SWITCHBOARD_CRX_KEY';
  } else if (source.file !== undefined) {
    origin = source.file;
    try {
      pem = source.readFile(source.file);
    } catch (error) {
      throw new Error(`Cannot read the signing key ${source.file}: ${(error as Error).message}`);
    }
  } else {
    throw new Error(
      'No signing key: set SWITCHBOARD_CRX_KEY_FILE (or --key-file) to the private key (PEM) ' +
        'whose public half is the manifest key, or SWITCHBOARD_CRX_KEY to the PEM text itself.',
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(
      `The signing key in ${origin} is not a PEM private key: ${(error as Error).message}`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new Error(`The signing key in ${origin} is ${key.asymmetricKeyType}; CRX3 needs RSA.`);
  }
  return key;
}

/**
 * Refuses a signing key whose public half is not the manifest's `key`: Chrome and Edge would
 * install the package under another id than the one policies name (README "Extension id").
 * `allowOtherId` lets a throwaway key sign (tests); the id the package gets is returned.
 */
export function checkSigningKey(
  privateKey: KeyObject,
  manifestKey: string,
  allowOtherId: boolean,
): string {
  const der = publicKeyDer(privateKey);
  const signedId = extensionIdFromPublicKey(der);
  if (der.toString('base64') === manifestKey.replace(/\s/g, '')) return signedId;
  const manifestId = extensionIdFromPublicKey(Buffer.from(manifestKey, 'base64'));
  if (allowOtherId) return signedId;
  throw new Error(
    `The signing key's public half is not the manifest key: the packages would install as ` +
      `${signedId}, not ${manifestId}. Sign with the private key of the manifest key ` +
      `(wxt.config.ts CHROME_KEY), or pass --allow-other-id for a package under another id.`,
  );
}

/** `base` with exactly one slash before `file` (whose characters are URL-safe). */
export function joinUrl(base: string, file: string): string {
  if (file === '' || file === '.' || file === '..') throw new Error(`Not a file name: "${file}"`);
  const url = new URL(base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The update base URL must be http(s): ${base}`);
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(file)}`;
  return url.href;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&apos;',
  '"': '&quot;',
};

function xmlAttribute(value: string): string {
  return value.replace(/[&<>'"]/g, (character) => XML_ESCAPES[character] ?? character);
}

export interface UpdateXmlEntry {
  appId: string;
  version: string;
  /** The CRX's full URL. */
  codebase: string;
  /** Chromium's oldest version that may install this one (`prodversionmin`). */
  minimumBrowserVersion?: string;
}

/**
 * The update manifest Chrome and Edge fetch from a self-hosted update URL: the gupdate response
 * (protocol 2.0), one `<app>` with one `<updatecheck>`.
 */
export function updateXml(entry: UpdateXmlEntry): string {
  const attributes = [
    `codebase='${xmlAttribute(entry.codebase)}'`,
    `version='${xmlAttribute(entry.version)}'`,
    ...(entry.minimumBrowserVersion
      ? [`prodversionmin='${xmlAttribute(entry.minimumBrowserVersion)}'`]
      : []),
  ];
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${xmlAttribute(entry.appId)}'>`,
    `    <updatecheck ${attributes.join(' ')} />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}

export interface FirefoxUpdate {
  geckoId: string;
  version: string;
  /** The XPI's full URL. */
  updateLink: string;
  strictMinVersion?: string;
}

/**
 * Firefox's update manifest (`updates.json`): the add-on's one version and where to get it. No
 * `update_hash`: the XPI served is the one Mozilla signed, not the one packaged here, and Firefox
 * checks Mozilla's signature on it (and wants `update_link` over HTTPS).
 */
export function firefoxUpdatesJson(update: FirefoxUpdate): string {
  const entry = {
    version: update.version,
    update_link: update.updateLink,
    ...(update.strictMinVersion
      ? { applications: { gecko: { strict_min_version: update.strictMinVersion } } }
      : {}),
  };
  return `${JSON.stringify({ addons: { [update.geckoId]: { updates: [entry] } } }, null, 2)}\n`;
}

type Manifest = Record<string, unknown>;

/**
 * The manifest of a self-hosted Chrome/Edge package: the store build's, plus `update_url`, so
 * that the browser keeps updating it from the same place (store packages must not carry one).
 */
export function selfHostedChromiumManifest(manifest: Manifest, updateUrl: string): Manifest {
  if (typeof manifest.key !== 'string') {
    throw new Error('The build has no manifest key: its id would change with every package.');
  }
  return { ...manifest, update_url: updateUrl };
}

/**
 * The manifest of a Chrome Web Store or Edge Add-ons upload: the build's without `key`. Both
 * stores refuse a package whose manifest has one ("key field is not allowed in manifest", "The
 * manifest shouldn't contain the key field"): a store gives the extension an id of its own.
 */
export function storeChromiumManifest(manifest: Manifest): Manifest {
  return Object.fromEntries(Object.entries(manifest).filter(([name]) => name !== 'key'));
}

/** The manifest of the self-hosted Firefox package: `gecko.update_url` names `updates.json`. */
export function selfHostedFirefoxManifest(manifest: Manifest, updateUrl: string): Manifest {
  const settings = (manifest.browser_specific_settings ?? {}) as Record<string, unknown>;
  const gecko = (settings.gecko ?? {}) as Record<string, unknown>;
  if (typeof gecko.id !== 'string') {
    throw new Error('The Firefox build has no gecko id: Firefox could not match its updates.');
  }
  return {
    ...manifest,
    browser_specific_settings: { ...settings, gecko: { ...gecko, update_url: updateUrl } },
  };
}
