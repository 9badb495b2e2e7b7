// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../utils/messaging';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState, signedOutState } from '../tests/support/sample-state';
import { localeMessages } from '../tests/support/messages';
import { alerts, choose, labelled, settle, submit, text } from '../tests/support/test-dom';
import { setMessages } from '../utils/i18n/runtime';

afterEach(unmountPanels);

const withoutCountry = (state: PanelState): PanelState => ({
  ...state,
  defaultCountry: undefined,
});
const form = (root: HTMLElement) =>
  root.querySelector<HTMLFormElement>('section[aria-labelledby="sb-country-title"] form');

describe('country prompt', () => {
  it('asks for the country when nobody knows it, signed in or out, and saves the answer', async () => {
    for (const state of [signedOutState(), signedInState()]) {
      unmountPanels();
      const { root, connector } = showPanel(withoutCountry(state), {
        // The background saves the choice and pushes a snapshot that carries it.
        reply: (msg) => {
          if (msg.type !== 'panel/saveSettings') return undefined;
          const chosen = (msg.patch as { clickToDial: { defaultCountry: string } }).clickToDial;
          connector.setState((s) => ({ ...s, defaultCountry: chosen.defaultCountry }));
          return { ok: true, value: undefined };
        },
      });
      expect(text(root)).toContain('Numbers written without a country code are read as numbers');
      const country = labelled<HTMLSelectElement>(root, 'Country');
      // Every country by name, in the panel's language and order.
      expect([...country.options].map((o) => o.text)).toContain('France');
      expect([...country.options].map((o) => o.value)).toContain('FR');
      choose(country, 'FR');
      submit(form(root));
      await settle();
      expect(connector.sent.at(-1)).toEqual({
        type: 'panel/saveSettings',
        patch: { clickToDial: { defaultCountry: 'FR' } },
      });
      // Asked once: with the country known, the prompt is gone.
      expect(form(root)).toBeNull();
      expect(() => labelled(root, 'Country')).toThrow();
    }
  });

  it('is not shown when the country is known', () => {
    const { root } = showPanel(signedInState({ defaultCountry: 'FR' }));
    expect(form(root)).toBeNull();
  });

  it('says what is missing, and why a save failed', async () => {
    const { root } = showPanel(withoutCountry(signedInState()), {
      reply: (msg) =>
        msg.type === 'panel/saveSettings'
          ? { ok: false, error: 'Settings could not be saved: disk full' }
          : undefined,
    });
    submit(form(root));
    await settle();
    expect(alerts(root)).toEqual(['Choose your country']);
    choose(labelled<HTMLSelectElement>(root, 'Country'), 'BE');
    expect(alerts(root)).toEqual([]);
    submit(form(root));
    await settle();
    expect(alerts(root)).toEqual(['Settings could not be saved: disk full']);
    expect(form(root)).not.toBeNull();
  });

  it('asks in the agent’s language, country names and their order included', async () => {
    setMessages('de', localeMessages('de'));
    const { root } = showPanel(withoutCountry(signedInState({ language: 'de' })));
    expect(text(root.querySelector('#sb-country-title'))).toBe('Ihr Land');
    expect(text(root)).toContain('Nummern ohne Ländervorwahl werden als Nummern dieses Landes');
    const country = labelled<HTMLSelectElement>(root, 'Land');
    const names = [...country.options].map((o) => o.text);
    expect(names[0]).toBe('Auswählen…');
    expect(names).toContain('Frankreich');
    expect(names.indexOf('Österreich')).toBeLessThan(names.indexOf('Polen'));
    submit(form(root));
    await settle();
    expect(alerts(root)).toEqual(['Wählen Sie Ihr Land aus']);
    expect(text(form(root)!.querySelector('button[type="submit"]'))).toBe('Speichern');
  });
});
