import { describe, expect, it } from 'vitest';
import {
  deepMerge,
  isLocked,
  leafPaths,
  resolveSettings,
  sanitize,
  withoutLocked,
} from '../../../utils/settings/policy';
import { DEFAULT_SETTINGS } from '../../../utils/settings/schema';

const rule = (id: string, url = 'https://crm.example.com/?q={e164}') => ({ id, url });

describe('resolveSettings precedence', () => {
  it('uses the defaults when nobody set anything', () => {
    expect(resolveSettings(undefined, undefined)).toEqual({
      settings: DEFAULT_SETTINGS,
      locked: [],
      problems: [],
    });
    expect(resolveSettings({}, {}).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('applies the user over the defaults, and policy over the user, key by key', () => {
    const user = {
      vendor: 'ccs',
      clickToDial: {
        defaultCountry: 'FR',
        confirmInternational: true,
        sites: { mode: 'block', patterns: ['a.com'] },
      },
      connection: { xivo: { dialFormat: 'digits' } },
    };
    const policy = {
      clickToDial: { defaultCountry: 'BE', sites: { patterns: ['b.com'] } },
      connection: { xivo: { dialFormat: 'national' } },
    };
    const { settings, locked, problems } = resolveSettings(user, policy);
    expect(problems).toEqual([]);
    expect(settings.vendor).toBe('ccs');
    expect(settings.clickToDial).toEqual({
      ...DEFAULT_SETTINGS.clickToDial,
      defaultCountry: 'BE', // policy
      confirmInternational: true, // user
      sites: { mode: 'block', patterns: ['b.com'] }, // objects merge, arrays replace
    });
    expect(settings.connection.xivo.dialFormat).toBe('national');
    expect(locked.sort()).toEqual([
      'clickToDial.defaultCountry',
      'clickToDial.sites.patterns',
      'connection.xivo.dialFormat',
    ]);
  });

  it('replaces arrays from policy whole, even with an empty array', () => {
    const user = {
      screenPop: { rules: [rule('mine')], allowedOrigins: ['https://a.example.com'] },
    };
    const { settings, locked } = resolveSettings(user, { screenPop: { rules: [] } });
    expect(settings.screenPop.rules).toEqual([]);
    expect(settings.screenPop.allowedOrigins).toEqual(['https://a.example.com']);
    expect(locked).toEqual(['screenPop.rules']);
  });

  it('fills defaults inside policy array items', () => {
    const { settings } = resolveSettings({}, { screenPop: { rules: [rule('r1')] } });
    expect(settings.screenPop.rules).toEqual([
      {
        id: 'r1',
        url: 'https://crm.example.com/?q={e164}',
        trigger: 'ringing',
        direction: 'inbound',
        target: 'newTab',
      },
    ]);
  });
});

describe('invalid values', () => {
  it('drops an invalid policy value with a problem and keeps the rest of the policy', () => {
    const policy = {
      vendor: 'nortel',
      clickToDial: { defaultCountry: 'france', enabled: false },
      connection: { xivo: { dialFormat: 'national' } },
    };
    const { settings, locked, problems } = resolveSettings({ vendor: 'maxcontact' }, policy);
    expect(settings.vendor).toBe('maxcontact'); // the user's value stands where policy was invalid
    // Not set, as by default: the background resolves it (utils/background/default-country.ts).
    expect(settings.clickToDial.defaultCountry).toBeUndefined();
    expect(settings.clickToDial.enabled).toBe(false);
    expect(settings.connection.xivo.dialFormat).toBe('national');
    expect(locked.sort()).toEqual(['clickToDial.enabled', 'connection.xivo.dialFormat']);
    expect(problems.map((p) => `${p.source}:${p.path}`).sort()).toEqual([
      'policy:clickToDial.defaultCountry',
      'policy:vendor',
    ]);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('drops invalid user values the same way', () => {
    const { settings, problems } = resolveSettings(
      { dispositions: { required: 'yes', codes: [] } },
      {},
    );
    expect(settings.dispositions).toEqual({ required: false, codes: [] });
    expect(problems).toEqual([
      expect.objectContaining({ source: 'user', path: 'dispositions.required' }),
    ]);
  });

  it('reports unknown top-level keys and a non-object', () => {
    expect(sanitize({ vendr: 'ccs' }, 'policy').problems).toEqual([
      { source: 'policy', path: 'vendr', message: 'Unknown setting' },
    ]);
    expect(sanitize('ccs', 'policy')).toEqual({
      value: {},
      problems: [{ source: 'policy', path: '', message: 'Settings must be an object' }],
    });
    expect(sanitize([], 'user').value).toEqual({});
    expect(sanitize(null, 'user')).toEqual({ value: {}, problems: [] });
  });

  it('reports unknown nested keys (typos) instead of locking nothing silently', () => {
    const { settings, locked, problems } = resolveSettings(
      {},
      { clickToDial: { enable: false, enabled: true } },
    );
    expect(settings.clickToDial.enabled).toBe(true);
    expect(locked).toEqual(['clickToDial.enabled']);
    expect(problems).toEqual([
      { source: 'policy', path: 'clickToDial.enable', message: 'Unknown setting' },
    ]);
  });

  it('drops only the bad rule of a rule list, keeping the good ones', () => {
    const rules = [
      rule('good1'),
      { id: 'bad', url: '' },
      rule('good2'),
      { url: 'https://x.example.com/' },
    ];
    const { settings, problems } = resolveSettings({}, { screenPop: { rules } });
    expect(settings.screenPop.rules.map((r) => r.id)).toEqual(['good1', 'good2']);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(
      problems.every((p) => p.source === 'policy' && p.path.startsWith('screenPop.rules')),
    ).toBe(true);
  });

  it('never throws, however many values are invalid', () => {
    const blockedPrefixes = Array.from({ length: 120 }, (_, i) => (i % 2 ? `+1${i}` : `bad${i}`));
    const rules = Array.from({ length: 80 }, (_, i) => ({
      id: `r${i}`,
      url: i % 2 ? 'https://x.example.com/' : 42,
    }));
    const run = () =>
      resolveSettings({}, { clickToDial: { blockedPrefixes }, screenPop: { rules } });
    expect(run).not.toThrow();
    const { settings, problems } = run();
    expect(settings.clickToDial.blockedPrefixes).toEqual(
      blockedPrefixes.filter((p) => p.startsWith('+')),
    );
    expect(settings.screenPop.rules).toHaveLength(40);
    expect(problems.length).toBeGreaterThanOrEqual(100);
  });

  it('drops an array that is too long as a whole', () => {
    const patterns = Array.from({ length: 501 }, (_, i) => `site${i}.example.com`);
    const { settings, problems } = resolveSettings({}, { clickToDial: { sites: { patterns } } });
    expect(settings.clickToDial.sites.patterns).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ path: 'clickToDial.sites.patterns' })]);
  });

  it('never takes passwords from policy: there is no such setting', () => {
    const { settings, problems } = resolveSettings(
      {},
      { connection: { xivo: { server: 'https://x.example.com', password: 'p' } } },
    );
    expect(settings.connection.xivo.server).toBe('https://x.example.com');
    expect(JSON.stringify(settings)).not.toContain('"p"');
    expect(problems).toEqual([
      { source: 'policy', path: 'connection.xivo.password', message: 'Unknown setting' },
    ]);
  });
});

describe('locked paths', () => {
  it('locks each leaf that policy sets; arrays are leaves', () => {
    expect(leafPaths({ a: { b: 1, c: [1, 2] }, d: 'x' })).toEqual(['a.b', 'a.c', 'd']);
    expect(leafPaths({})).toEqual([]);
  });

  it('isLocked: the path itself, anything below it, and any group containing a locked value', () => {
    const locked = ['clickToDial.sites.mode', 'screenPop.rules'];
    expect(isLocked(locked, 'clickToDial.sites.mode')).toBe(true);
    expect(isLocked(locked, 'screenPop.rules.0.url')).toBe(true);
    expect(isLocked(locked, 'clickToDial.sites')).toBe(true);
    expect(isLocked(locked, 'clickToDial.sites.patterns')).toBe(false);
    expect(isLocked(locked, 'clickToDial.site')).toBe(false);
    expect(isLocked(locked, 'screenPop.rulesExtra')).toBe(false);
    expect(isLocked([], 'vendor')).toBe(false);
  });
});

describe('withoutLocked', () => {
  it('drops every locked path from a user patch and keeps the rest', () => {
    const patch = {
      vendor: 'ccs',
      clickToDial: { enabled: false, sites: { mode: 'allow', patterns: ['a.com'] } },
      screenPop: { rules: [], allowedOrigins: [] },
    };
    expect(withoutLocked(patch, ['clickToDial.sites.mode', 'screenPop.rules', 'vendor'])).toEqual({
      clickToDial: { enabled: false, sites: { patterns: ['a.com'] } },
      screenPop: { allowedOrigins: [] },
    });
  });

  it('keeps a stale form from overriding policy when saved and resolved again', () => {
    const policy = { clickToDial: { defaultCountry: 'FR' } };
    const { locked } = resolveSettings({}, policy);
    const saved = deepMerge(
      {},
      withoutLocked({ clickToDial: { defaultCountry: 'US' }, vendor: 'ccs' }, locked),
    );
    expect(saved).toEqual({ clickToDial: {}, vendor: 'ccs' });
    expect(resolveSettings(saved, policy).settings.clickToDial.defaultCountry).toBe('FR');
  });

  it('passes non-objects through', () => {
    expect(withoutLocked('x', ['a'])).toBe('x');
    expect(withoutLocked([1], ['0'])).toEqual([1]);
  });
});

describe('sanitize with keys every object has (found by tests/property/settings.property.test.ts)', () => {
  it('reports constructor or toString as unknown settings instead of locking them silently', () => {
    const { locked, problems } = resolveSettings(undefined, {
      constructor: '',
      clickToDial: { toString: 1, enabled: false },
    });
    expect(problems).toEqual([
      { source: 'policy', path: 'constructor', message: 'Unknown setting' },
      { source: 'policy', path: 'clickToDial.toString', message: 'Unknown setting' },
    ]);
    expect(locked).toEqual(['clickToDial.enabled']);
  });
});
