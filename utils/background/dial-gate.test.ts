import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { DEFAULT_SETTINGS } from '../settings/schema';
import {
  dialRefusal,
  needsConfirmation,
  numberRefusal,
  senderSite,
  siteRefusal,
  type ClickToDialSettings,
} from './dial-gate';

const settings = (patch: Partial<ClickToDialSettings> = {}): ClickToDialSettings => ({
  ...DEFAULT_SETTINGS.clickToDial,
  ...patch,
});
const CRM = 'https://crm.example.com/contacts/42';
const at = (frameUrl: string) => ({ frameUrl });

describe('dial gate', () => {
  it('lets a number through with the default settings', () => {
    expect(dialRefusal(settings(), at(CRM), '+33123456789')).toBeUndefined();
  });

  it('refuses when click-to-dial is off, first of all', () => {
    const off = settings({ enabled: false, blockedPrefixes: ['+33'] });
    expect(dialRefusal(off, at(CRM), '+33123456789')).toBe('Click-to-dial is turned off');
  });

  it('follows the site rules for the tab', () => {
    const allow = settings({ sites: { mode: 'allow', patterns: ['crm.example.com'] } });
    expect(siteRefusal(allow, at(CRM))).toBeUndefined();
    expect(siteRefusal(allow, at('https://news.example.net/'))).toBe(
      'Click-to-dial is not enabled on this site',
    );
    // A tab whose URL the extension cannot read is on no allow-list.
    expect(siteRefusal(allow, at(''))).toBe('Click-to-dial is not enabled on this site');
    const block = settings({ sites: { mode: 'block', patterns: ['crm.example.com'] } });
    expect(siteRefusal(block, at(CRM))).toBe('Click-to-dial is not enabled on this site');
  });

  it('never dials a blocked prefix', () => {
    const click = settings({ blockedPrefixes: ['+1900', '+4490'] });
    expect(numberRefusal(click, '+19005551234')).toBe(
      'Your organization does not allow calls to this number',
    );
    expect(numberRefusal(click, '+449012345678')).toMatch(/does not allow/);
    expect(numberRefusal(click, '+12125550123')).toBeUndefined();
  });

  it('asks to confirm numbers outside the default country only when told to', () => {
    expect(needsConfirmation(settings(), '+33123456789')).toBe(false);
    const confirm = settings({ confirmInternational: true, defaultCountry: 'FR' });
    expect(needsConfirmation(confirm, '+33123456789')).toBe(false);
    expect(needsConfirmation(confirm, '+14155552671')).toBe(true);
    // +1 is shared by the US and Canada: both are home for either.
    const us = settings({ confirmInternational: true, defaultCountry: 'US' });
    expect(needsConfirmation(us, '+14165550123')).toBe(false);
    const unknown = settings({ confirmInternational: true, defaultCountry: 'ZZ' });
    expect(needsConfirmation(unknown, '+33123456789')).toBe(true);
  });
});

describe('the site of a content script’s request', () => {
  const tab = (url: string) => ({ id: 7, url }) as Browser.tabs.Tab;
  it('is its frame and its page; a frame without a URL of its own is its page', () => {
    expect(senderSite({ url: 'https://w.example.net/x', tab: tab(CRM) })).toEqual({
      frameUrl: 'https://w.example.net/x',
      tabUrl: CRM,
    });
    expect(senderSite({ url: 'about:blank', tab: tab(CRM) })).toEqual({
      frameUrl: CRM,
      tabUrl: CRM,
    });
    expect(senderSite({ url: 'https://w.example.net/x' })).toEqual({
      frameUrl: 'https://w.example.net/x',
    });
  });

  it('is the frame that made an about:blank frame when that is another site', () => {
    // A frame from another site inside an allowed page writes into an about:blank child.
    expect(
      senderSite({ url: 'about:blank', origin: 'https://ads.example.org', tab: tab(CRM) }),
    ).toEqual({ frameUrl: 'https://ads.example.org/', tabUrl: CRM });
    expect(senderSite({ url: 'about:srcdoc', origin: new URL(CRM).origin, tab: tab(CRM) })).toEqual(
      { frameUrl: CRM, tabUrl: CRM },
    );
  });
});
