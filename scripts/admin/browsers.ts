/**
 * Where each browser reads Switchboard's policy, and the placeholders of the self-hosted
 * packages. The ids are the manifest's (wxt.config.ts).
 */
import { readFileSync } from 'node:fs';
import { EXTENSION_ID, GECKO_ID } from '../../wxt.config';
import { joinUrl, PLACEHOLDER_BASE_URL } from '../release';

export { EXTENSION_ID, GECKO_ID };

/**
 * Placeholder base URL of the self-hosted packages that `npm run package` produces (CRX with its
 * update manifest, XPI), the same as the packaging's default (scripts/release.ts): admins replace
 * it with their own server. Nothing is served there.
 */
export const SELF_HOSTED = PLACEHOLDER_BASE_URL;
/** The version `npm run package` builds now (package.json, which WXT puts in the manifest). */
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
/**
 * The XPI `npm run package` writes: the first install; updates come from its `updates.json`
 * (docs/admin/packaging.md).
 */
export const FIREFOX_XPI_URL = joinUrl(SELF_HOSTED, `switchboard-${VERSION}-firefox.xpi`);

export interface ChromiumBrowser {
  id: 'chrome' | 'edge';
  name: string;
  /** Registry key under HKLM or HKCU. */
  registryRoot: string;
  /** macOS managed-preferences domain of the browser itself. */
  macDomain: string;
  linuxDirs: string[];
  updateUrl: string;
  /** ADMX file base name and namespace. */
  admxName: string;
  admxNamespace: string;
}

export const CHROMIUM_BROWSERS: readonly ChromiumBrowser[] = [
  {
    id: 'chrome',
    name: 'Google Chrome',
    registryRoot: 'Software\\Policies\\Google\\Chrome',
    macDomain: 'com.google.Chrome',
    linuxDirs: ['/etc/opt/chrome/policies/managed/', '/etc/chromium/policies/managed/'],
    updateUrl: joinUrl(SELF_HOSTED, 'update-chrome.xml'),
    admxName: 'switchboard_chrome',
    admxNamespace: 'Switchboard.Policies.Chrome',
  },
  {
    id: 'edge',
    name: 'Microsoft Edge',
    registryRoot: 'Software\\Policies\\Microsoft\\Edge',
    macDomain: 'com.microsoft.Edge',
    linuxDirs: ['/etc/opt/edge/policies/managed/'],
    updateUrl: joinUrl(SELF_HOSTED, 'update-edge.xml'),
    admxName: 'switchboard_edge',
    admxNamespace: 'Switchboard.Policies.Edge',
  },
];

/** The registry key holding Switchboard's policy (the browser's `3rdparty` extension policy). */
export const policyRegistryKey = (browser: ChromiumBrowser): string =>
  `${browser.registryRoot}\\3rdparty\\extensions\\${EXTENSION_ID}\\policy`;

/** The macOS preferences domain of Switchboard's policy. */
export const policyMacDomain = (browser: ChromiumBrowser): string =>
  `${browser.macDomain}.extensions.${EXTENSION_ID}`;

/** The file paths of the kit, relative to docs/admin/. */
export const files = {
  guide: 'README.md',
  admx: (b: ChromiumBrowser) => `windows/${b.id}/${b.admxName}.admx`,
  adml: (b: ChromiumBrowser) => `windows/${b.id}/en-US/${b.admxName}.adml`,
  reg: (b: ChromiumBrowser) => `windows/switchboard-${b.id}.reg`,
  mobileconfig: (b: ChromiumBrowser) => `macos/switchboard-${b.id}.mobileconfig`,
  linux: (b: ChromiumBrowser) => `linux/${b.id}/switchboard.json`,
  firefox: 'firefox/policies.json',
};
