/**
 * Settings and managed policy (issue: "any managed object gives valid settings or a clear
 * problem"). Arbitrary JSON and mutations of valid policies (keys dropped, types changed, values
 * replaced, `__proto__` and unknown keys added), as the user's values and as the admin's:
 *
 * - resolving never throws, and gives settings the schema accepts, with every problem naming its
 *   source and saying what is wrong;
 * - a problem-free policy is applied as written, and whatever policy sets (the locked paths) no
 *   user value can change;
 * - nothing in either object reaches `Object.prototype`;
 * - stored user records of any shape read without a throw, and a patch never keeps a locked path.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, it } from 'vitest';
import {
  deepMerge,
  leafPaths,
  resolveSettings,
  sanitize,
  withoutLocked,
} from '../../utils/settings/policy';
import { DEFAULT_SETTINGS, Settings } from '../../utils/settings/schema';
import { readUserSettings } from '../../utils/storage/user-settings';
import { checkProperty } from '../support/property';
import { anyJson, mutated, type Json } from './support/json';

const RUNS = 10_000;

/** Real policies: what an admin pushes (docs/admin), and the whole default object. */
const POLICIES: Json[] = [
  {
    vendor: 'xivo',
    connection: { xivo: { server: 'https://xuc.example.com:8090', dialFormat: 'national' } },
    clickToDial: {
      defaultCountry: 'FR',
      confirmInternational: true,
      blockedPrefixes: ['+33899', '+1900'],
      sites: { mode: 'allow', patterns: ['https://*.crm.example.com/*', 'intranet.local'] },
    },
    screenPop: {
      rules: [{ id: 'crm', url: 'https://crm.example.com/?q={e164}', trigger: 'ringing' }],
      allowedOrigins: ['https://*.example.com'],
    },
    dispositions: { required: true, codes: [{ code: 'sale', label: 'Sale' }] },
  },
  { clickToDial: { enabled: false }, ui: { language: 'en' } },
  structuredClone(DEFAULT_SETTINGS) as unknown as Json,
];

const settingsLike: fc.Arbitrary<Json> = fc.oneof(
  { weight: 1, arbitrary: anyJson },
  { weight: 4, arbitrary: mutated(POLICIES) },
);

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined,
      value,
    );
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();

describe('settings and policy parsing', () => {
  it('resolves any user values and any policy to valid settings or clear problems', () => {
    const before = prototypeKeys();
    checkProperty(
      'settings and policy parsing',
      fc.property(settingsLike, settingsLike, (user, policy) => {
        const resolved = resolveSettings(user, policy);
        const check = Settings.safeParse(resolved.settings);
        if (!check.success) throw new Error(`invalid settings: ${check.error.issues[0]?.message}`);
        for (const p of resolved.problems) {
          if (
            (p.source !== 'user' && p.source !== 'policy') ||
            typeof p.path !== 'string' ||
            !p.message
          )
            throw new Error(`unclear problem ${JSON.stringify(p)}`);
        }
        // Policy wins: the user's values change nothing policy set.
        const alone = resolveSettings(undefined, policy);
        for (const path of resolved.locked) {
          if (!isDeepStrictEqual(at(resolved.settings, path), at(alone.settings, path)))
            throw new Error(`the user's value changed ${path}, which policy locks`);
        }
        // A policy with no problem is applied as the schema reads it (trimmed, defaults filled).
        const own = sanitize(policy, 'policy');
        if (own.problems.length === 0) {
          const read = Settings.parse(deepMerge(structuredClone(DEFAULT_SETTINGS), own.value));
          for (const path of leafPaths(own.value)) {
            const written = at(read, path);
            const applied = at(resolved.settings, path);
            if (typeof written !== 'object' && written !== applied)
              throw new Error(
                `policy ${path}=${JSON.stringify(written)} became ${JSON.stringify(applied)}`,
              );
          }
        }
        if (prototypeKeys() !== before)
          throw new Error('a settings object reached Object.prototype');
      }),
      { numRuns: RUNS * 0.4, label: 'user × policy: arbitrary and mutated' },
    );
  }, 120_000);

  it('reads any stored user record and never keeps a locked path in a patch', () => {
    checkProperty(
      'settings and policy parsing',
      fc.property(
        fc.oneof(
          settingsLike,
          settingsLike.map((values) => ({ version: 2, values })),
          anyJson.map((v) => ({ version: v, values: v })),
        ),
        settingsLike,
        (stored, policy) => {
          const read = readUserSettings(stored);
          if (read.values === null || typeof read.values !== 'object' || Array.isArray(read.values))
            throw new Error(`read ${JSON.stringify(read.values)}`);
          if (read.problem !== undefined && !read.problem) throw new Error('an empty problem');
          const { locked } = resolveSettings(undefined, policy);
          const patch = withoutLocked(read.values, locked);
          for (const path of leafPaths(patch)) {
            if (locked.includes(path))
              throw new Error(`the patch kept ${path}, which policy locks`);
          }
        },
      ),
      { numRuns: RUNS * 0.6, label: 'stored records and patches' },
    );
  }, 120_000);
});
