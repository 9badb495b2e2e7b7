/**
 * The storage registry is the only place keys are named, and its versions are the owners'.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_VERSION } from '../background/diagnostics';
import { SESSION_VERSION } from '../cti/session';
import { STORE_VERSION } from '../cti/store';
import { CONTENT_CONFIG_VERSION } from '../settings/content-config';
import { PANEL_SNAPSHOT_VERSION } from '../messaging';
import { DB_VERSION } from './db';
import { DATABASE, STORAGE, storageItems } from './registry';
import { USER_SETTINGS_VERSION } from './user-settings';

const ROOT = join(__dirname, '..', '..');

/** Production source files: utils/, components/ and entrypoints/ without tests. */
function sources(dir = ''): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const PRODUCTION = ['utils', 'components', 'entrypoints'].flatMap((dir) => sources(dir));

describe('storage registry', () => {
  it('holds each owner’s own record version', () => {
    expect(STORAGE.local.userSettings.version).toBe(USER_SETTINGS_VERSION);
    expect(STORAGE.local.contentConfig.version).toBe(CONTENT_CONFIG_VERSION);
    expect(STORAGE.session.signIn.version).toBe(SESSION_VERSION);
    expect(STORAGE.session.callStore.version).toBe(STORE_VERSION);
    expect(STORAGE.session.panelSnapshot.version).toBe(PANEL_SNAPSHOT_VERSION);
    expect(DATABASE.version).toBe(DB_VERSION);
    expect(STORAGE.session.diagnostics.version).toBe(JOURNAL_VERSION);
  });

  it('names every key once', () => {
    const keys = storageItems().map((item) => `${item.area}:${item.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is the only place a storage key is written out', () => {
    const offenders: string[] = [];
    const literalKey =
      /storage\.(local|session)\.(get|set|remove)\(\s*(['"`]|\{\s*['"\w$]+\s*:)|\b(area|sessionArea|secrets|storage)\.(get|set)\(\s*['"`]/;
    for (const file of PRODUCTION) {
      if (file.endsWith(join('storage', 'registry.ts'))) continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      if (literalKey.test(text)) offenders.push(`${file}: a key written out`);
      for (const key of storageItems().flatMap((item) => [item.key, ...(item.formerKeys ?? [])])) {
        // A type index such as Settings['settings'] is not a key.
        const quoted = key.replace(/[.]/g, '\\.');
        if (new RegExp(`(?<!\\[)(['"\`])${quoted}\\1`).test(text)) {
          offenders.push(`${file}: '${key}'`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
