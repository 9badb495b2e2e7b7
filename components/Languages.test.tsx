// @vitest-environment happy-dom
/**
 * The panel and the options page in the `ui.language` the background sends: rendered in it once
 * its messages are loaded, again in another one when the setting changes, with the page's
 * `lang` and `dir` following (utils/i18n/document.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Language } from '../utils/i18n/languages';
import { followUiLanguage } from '../utils/i18n/document';
import type { MessagesJson } from '../utils/i18n/messages';
import { createMockConnector } from '../tests/support/mock-connector';
import { messagesJson } from '../tests/support/locales';
import { signedInState } from '../tests/support/sample-state';
import { button, mount, settle, text } from '../tests/support/test-dom';
import type { ResolvedSettings } from '../utils/settings/policy';
import { DEFAULT_SETTINGS, type Settings } from '../utils/settings/schema';
import type { SettingsConnector } from '../utils/ui/settings-connector';
import { OptionsPage } from './options/OptionsPage';
import { OpenSidePanel } from './OpenSidePanel';
import { Panel } from './Panel';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
  vi.unstubAllGlobals();
  vi.stubGlobal('chrome', fakeBrowser);
  vi.stubGlobal('browser', fakeBrowser);
});

/** The extension's messages.json files, as fetch serves them from the extension. */
async function serve(...languages: Language[]): Promise<void> {
  const files: Record<string, MessagesJson> = {};
  for (const language of languages) files[language] = await messagesJson(language);
  vi.stubGlobal('fetch', async (url: string) => {
    const language = /\/_locales\/([^/]+)\/messages\.json$/.exec(url)?.[1] ?? '';
    const json = files[language];
    return json ? new Response(JSON.stringify(json)) : new Response('', { status: 404 });
  });
}

/** Settings in memory, changed from outside as policy or another page would. */
function settingsDouble(language: Pick<Settings['ui'], 'language'>) {
  const ui = { ...DEFAULT_SETTINGS.ui, ...language };
  let resolved: ResolvedSettings = {
    settings: { ...DEFAULT_SETTINGS, ui },
    locked: [],
    problems: [],
  };
  const watchers = new Set<(settings: ResolvedSettings) => void>();
  const connector: SettingsConnector = {
    load: async () => resolved,
    save: async () => resolved,
    watch: (listener) => void watchers.add(listener),
  };
  return {
    connector,
    change(next: Pick<Settings['ui'], 'language'>) {
      resolved = { ...resolved, settings: { ...resolved.settings, ui: { ...ui, ...next } } };
      for (const watcher of watchers) watcher(resolved);
    },
  };
}

/** Waits until the view shows `what` (a language loads asynchronously). */
async function until(root: HTMLElement, what: string): Promise<void> {
  for (let i = 0; i < 50 && !text(root).includes(what); i++) await settle();
  expect(text(root)).toContain(what);
}

describe('the panel in the agent’s language', () => {
  it('renders in the setting’s language, then follows it, footer and page included', async () => {
    await serve('fr', 'ar');
    // The side-panel button needs Chrome's sidePanel API and a window.
    (fakeBrowser as unknown as { sidePanel: object }).sidePanel = { open: async () => undefined };
    fakeBrowser.windows.getCurrent = (async () => ({ id: 1 })) as never;
    cleanup.push(followUiLanguage(document, 'manifest.name'));
    const connector = createMockConnector(signedInState({ language: 'fr' }));
    const view = mount(<Panel connector={connector} footer={<OpenSidePanel />} />);
    cleanup.push(view.unmount);
    const root = view.container;

    await until(root, 'Se déconnecter');
    expect(text(root)).not.toContain('Sign out');
    expect(button(root, 'Non prêt')).toBeTruthy();
    await until(root, 'Ouvrir le panneau latéral');
    expect(document.documentElement.lang).toBe('fr');
    expect(document.documentElement.dir).toBe('ltr');

    connector.setState((s) => ({ ...s, language: 'ar' }));
    await until(root, 'تسجيل الخروج');
    // The footer is one element made once: it follows the language too.
    await until(root, 'فتح اللوحة الجانبية');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');

    connector.setState((s) => ({ ...s, language: 'browser' }));
    await until(root, 'Sign out');
    await until(root, 'Open side panel');
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.title).toBe('Switchboard');
  });

  it('shows nothing in a half-loaded language: the last state waits for its messages', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const german = await messagesJson('de');
    vi.stubGlobal('fetch', async () => {
      await held;
      return new Response(JSON.stringify(german));
    });
    const connector = createMockConnector(signedInState());
    const view = mount(<Panel connector={connector} />);
    cleanup.push(view.unmount);
    expect(text(view.container)).toContain('Sign out');
    connector.setState((s) => ({ ...s, language: 'de', identity: { username: 'jdoe2' } }));
    await settle();
    // Still the previous state, in English, until German is there.
    expect(text(view.container)).toContain('Sign out');
    expect(text(view.container)).not.toContain('jdoe2');
    release();
    await until(view.container, 'Abmelden');
    expect(text(view.container)).toContain('jdoe2');
  });
});

describe('the options page in the agent’s language', () => {
  it('renders in the saved language and switches once a new one is saved', async () => {
    await serve('es');
    const settings = settingsDouble({ language: 'es' });
    const view = mount(<OptionsPage connector={settings.connector} />);
    cleanup.push(view.unmount);
    await until(view.container, 'Configuración de Switchboard');
    expect(text(view.container)).toContain('Idioma');
    settings.change({ language: 'browser' });
    await until(view.container, 'Switchboard settings');
  });
});
