// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState, signedOutState } from '../tests/support/sample-state';
import { alerts, button, click, queryButton, settle } from '../tests/support/test-dom';
import { POP_OUT_BUTTON_TEXT } from './PopOutButton';

afterEach(() => {
  unmountPanels();
  history.replaceState(null, '', '/sidepanel.html');
});

describe('Pop out', () => {
  it('asks the background for the panel’s own window, inside this screen', async () => {
    const shown = showPanel(signedInState());
    await settle();
    click(button(shown.root, POP_OUT_BUTTON_TEXT.button));
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
    click(button(shown.root, POP_OUT_BUTTON_TEXT.button));
    await settle();
    expect(alerts(shown.root)).toContain('No window for you');
  });

  it('is absent in the popped-out window itself', async () => {
    history.replaceState(null, '', '/sidepanel.html?popout=1');
    const shown = showPanel(signedInState());
    await settle();
    expect(queryButton(shown.root, POP_OUT_BUTTON_TEXT.button)).toBeUndefined();
  });
});
