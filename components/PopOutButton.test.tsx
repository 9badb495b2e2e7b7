// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState, signedOutState } from '../tests/support/sample-state';
import { alerts, button, click, queryButton, settle } from '../tests/support/test-dom';
import { localeMessages } from '../tests/support/messages';
import { setMessages } from '../utils/i18n/runtime';

afterEach(() => {
  unmountPanels();
  history.replaceState(null, '', '/sidepanel.html');
});

describe('Pop out', () => {
  it('asks the background for the panel’s own window, inside this screen', async () => {
    const shown = showPanel(signedInState());
    await settle();
    click(button(shown.root, 'Pop out'));
    await settle();
    const sent = shown.connector.sent.find((m) => m.type === 'panel/popOut');
    expect(sent).toEqual({
      type: 'panel/popOut',
      screen: {
        left: expect.any(Number),
        top: expect.any(Number),
        width: screen.availWidth,
        height: screen.availHeight,
      },
    });
  });

  it('is there signed out too, and says why the window did not open', async () => {
    const shown = showPanel(signedOutState(), {
      reply: (msg) =>
        msg.type === 'panel/popOut' ? { ok: false, error: 'No window for you' } : undefined,
    });
    await settle();
    click(button(shown.root, 'Pop out'));
    await settle();
    expect(alerts(shown.root)).toContain('No window for you');
  });

  it('is named and explained in the agent’s language', async () => {
    const english = showPanel(signedInState());
    await settle();
    expect(button(english.root, 'Pop out').title).toBe('Open the panel in its own window');
    unmountPanels();
    setMessages('it', localeMessages('it'));
    const italian = showPanel(signedInState({ language: 'it' }));
    await settle();
    expect(button(italian.root, 'Finestra separata').title).toBe(
      'Apri il pannello in una finestra separata',
    );
    expect(queryButton(italian.root, 'Pop out')).toBeUndefined();
  });

  it('is absent in the popped-out window itself', async () => {
    history.replaceState(null, '', '/sidepanel.html?popout=1');
    const shown = showPanel(signedInState());
    await settle();
    expect(queryButton(shown.root, 'Pop out')).toBeUndefined();
  });
});
