/**
 * The content script's hand-written check of the published settings: what the background writes
 * passes, anything else leaves click-to-dial off with a reason.
 */
import { describe, expect, it } from 'vitest';
import { toContentConfig } from '../background/content-config';
import { CONTENT_CONFIG_VERSION, parseContentConfig, type ContentConfig } from './content-config';
import { DEFAULT_SETTINGS, Settings } from './schema';

const VALID: ContentConfig = {
  version: CONTENT_CONFIG_VERSION,
  clickToDial: {
    enabled: true,
    defaultCountry: 'FR',
    sites: { mode: 'allow', patterns: ['crm.example.com', 'https://*.example.org/*'] },
    blockedPrefixes: ['+1900', '+33899'],
    confirmInternational: true,
    telLinks: false,
  },
  portal: { origin: 'https://portal.example.com:8443' },
};

/** VALID with one value replaced at a dotted path (undefined deletes it). */
function withValue(path: string, value: unknown): unknown {
  const copy = structuredClone(VALID) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop()!;
  let at = copy;
  for (const key of keys) at = at[key] as Record<string, unknown>;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

describe('parseContentConfig', () => {
  it('accepts a well-formed config and keeps only its own fields', () => {
    const extra = { ...structuredClone(VALID), secret: 'x', portal: { origin: '', token: 'y' } };
    expect(parseContentConfig(VALID)).toEqual({ ok: true, config: VALID });
    expect(parseContentConfig(extra)).toEqual({
      ok: true,
      config: { ...VALID, portal: { origin: '' } },
    });
  });

  it('accepts what the background publishes from any valid settings', () => {
    const settings = Settings.parse({
      vendor: 'ucontact',
      connection: { ucontact: { portalOrigin: 'https://portal.example.com/agent/' } },
      clickToDial: { telLinks: true, sites: { mode: 'block', patterns: ['*.bank.example'] } },
    });
    for (const value of [DEFAULT_SETTINGS, settings]) {
      const published = toContentConfig(value);
      expect(parseContentConfig(structuredClone(published))).toEqual({
        ok: true,
        config: published,
      });
    }
  });

  it.each([
    ['missing', undefined, 'not published yet'],
    ['not an object', 'on', 'not an object'],
    ['an array', [], 'not an object'],
    ['another version', withValue('version', 2), 'unknown version 2'],
    ['no clickToDial', withValue('clickToDial', undefined), 'clickToDial is not an object'],
    ['enabled as text', withValue('clickToDial.enabled', 'true'), 'clickToDial.enabled'],
    ['a lower-case country', withValue('clickToDial.defaultCountry', 'fr'), 'defaultCountry'],
    ['an unknown site mode', withValue('clickToDial.sites.mode', 'some'), 'sites.mode'],
    ['patterns as text', withValue('clickToDial.sites.patterns', 'a.com'), 'sites.patterns'],
    ['an empty pattern', withValue('clickToDial.sites.patterns', ['']), 'sites.patterns'],
    [
      'too many patterns',
      withValue('clickToDial.sites.patterns', Array(501).fill('a.com')),
      'sites.patterns',
    ],
    ['a prefix without +', withValue('clickToDial.blockedPrefixes', ['1900']), 'blockedPrefixes'],
    ['a number as prefix', withValue('clickToDial.blockedPrefixes', [1900]), 'blockedPrefixes'],
    [
      'no confirmInternational',
      withValue('clickToDial.confirmInternational', undefined),
      'confirm',
    ],
    ['no telLinks', withValue('clickToDial.telLinks', undefined), 'clickToDial.telLinks'],
    ['no portal', withValue('portal', undefined), 'portal.origin'],
    ['a portal URL with a path', withValue('portal.origin', 'https://p.example/x'), 'portal'],
    ['a portal on another scheme', withValue('portal.origin', 'javascript:alert(1)'), 'portal'],
  ])('refuses a config with %s', (_name, value, reason) => {
    const result = parseContentConfig(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});
