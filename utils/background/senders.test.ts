import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { classifySender } from './senders';

const EXTENSION = { id: 'switchboard-id', origin: 'chrome-extension://switchboard-id' };
const FIREFOX = { id: 'switchboard@example.org', origin: 'moz-extension://0f334731-19e3-42f8' };

const tab = (id: number, url: string) => ({ id, url }) as Browser.tabs.Tab;
const sender = (s: Browser.runtime.MessageSender) => s;

describe('classifySender', () => {
  describe('extension pages: told by their origin, with or without a tab', () => {
    it.each([
      ['popup', `${EXTENSION.origin}/popup.html`],
      ['side panel', `${EXTENSION.origin}/sidepanel.html`],
      ['options', `${EXTENSION.origin}/options.html#general`],
    ])('the %s', (_name, url) => {
      expect(classifySender(sender({ id: EXTENSION.id, url }), EXTENSION)).toBe('extensionPage');
    });

    it('the popup opened in a tab of its own', () => {
      const url = `${EXTENSION.origin}/popup.html`;
      expect(classifySender({ id: EXTENSION.id, url, tab: tab(4, url) }, EXTENSION)).toBe(
        'extensionPage',
      );
    });

    it('the extension origin given with a trailing slash (runtime.getURL("/"))', () => {
      const extension = { ...EXTENSION, origin: `${EXTENSION.origin}/` };
      const url = `${EXTENSION.origin}/popup.html`;
      expect(classifySender({ id: EXTENSION.id, url }, extension)).toBe('extensionPage');
    });

    it('Firefox pages on a moz-extension: origin', () => {
      const url = `${FIREFOX.origin}/sidepanel.html`;
      expect(classifySender({ id: FIREFOX.id, url }, FIREFOX)).toBe('extensionPage');
    });
  });

  describe('content scripts: our id, a tab, an http(s) page', () => {
    it.each([
      'https://crm.example.com/contacts/42',
      'http://localhost:8080/crm',
      'https://example.com:8443/a?b=c#d',
    ])('%s', (url) => {
      expect(classifySender({ id: EXTENSION.id, url, tab: tab(7, url) }, EXTENSION)).toBe(
        'contentScript',
      );
    });

    it.each(['about:blank', 'about:srcdoc'])('a frame at %s, by its creator’s origin', (url) => {
      const page = 'https://crm.example.com/contacts/42';
      expect(
        classifySender(
          { id: EXTENSION.id, url, origin: 'https://crm.example.com', tab: tab(7, page) },
          EXTENSION,
        ),
      ).toBe('contentScript');
      expect(
        classifySender({ id: EXTENSION.id, url, origin: 'null', tab: tab(7, page) }, EXTENSION),
      ).toBe('unknown');
    });

    it('an https page pretending to live on the extension path is still a page', () => {
      const url = `https://evil.example/${EXTENSION.origin}/popup.html`;
      expect(classifySender({ id: EXTENSION.id, url, tab: tab(7, url) }, EXTENSION)).toBe(
        'contentScript',
      );
    });
  });

  describe('unknown', () => {
    it('another extension, even on a page that looks like ours', () => {
      const url = `${EXTENSION.origin}/popup.html`;
      expect(classifySender({ id: 'other-extension', url }, EXTENSION)).toBe('unknown');
      const page = 'https://crm.example.com/';
      expect(
        classifySender({ id: 'other-extension', url: page, tab: tab(7, page) }, EXTENSION),
      ).toBe('unknown');
    });

    it('another extension origin with our id', () => {
      const url = 'chrome-extension://other-extension/popup.html';
      expect(classifySender({ id: EXTENSION.id, url }, EXTENSION)).toBe('unknown');
    });

    it('no id at all (a web page through externally_connectable)', () => {
      const url = 'https://crm.example.com/';
      expect(classifySender({ url, tab: tab(7, url) }, EXTENSION)).toBe('unknown');
    });

    it.each([undefined, '', 'not a url', '//crm.example.com/', 'chrome-extension:switchboard-id'])(
      'a missing or garbage URL: %s',
      (url) => {
        expect(classifySender({ id: EXTENSION.id, url, tab: tab(7, 'x') }, EXTENSION)).toBe(
          'unknown',
        );
        expect(classifySender({ id: EXTENSION.id, url }, EXTENSION)).toBe('unknown');
      },
    );

    it.each([
      'about:blank',
      'about:srcdoc',
      'data:text/html,<p>hi</p>',
      'blob:https://crm.example.com/0f3347',
      'file:///home/agent/contacts.html',
      'javascript:void(0)',
      'ftp://files.example.com/list.txt',
      'chrome://settings/',
    ])('a page that is neither ours nor http(s): %s', (url) => {
      expect(classifySender({ id: EXTENSION.id, url, tab: tab(7, url) }, EXTENSION)).toBe(
        'unknown',
      );
    });

    it('an https page outside any tab (a worker or an offscreen document)', () => {
      expect(classifySender({ id: EXTENSION.id, url: 'https://crm.example.com/' }, EXTENSION)).toBe(
        'unknown',
      );
    });

    it('opaque origins never match each other', () => {
      // URL.origin is "null" for both in Node: comparing those would make about:blank "ours".
      const opaque = { id: EXTENSION.id, origin: 'null' };
      expect(classifySender({ id: EXTENSION.id, url: 'about:blank' }, opaque)).toBe('unknown');
      const url = 'data:text/html,x';
      expect(classifySender({ id: EXTENSION.id, url, tab: tab(7, url) }, opaque)).toBe('unknown');
    });
  });
});
