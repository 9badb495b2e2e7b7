// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import { settle, text } from '../tests/support/test-dom';
import { act } from 'preact/test-utils';
import { localeMessages } from '../tests/support/messages';
import { setMessages } from '../utils/i18n/runtime';

afterEach(unmountPanels);

const region = (root: HTMLElement) => root.querySelector<HTMLElement>('[aria-live="assertive"]');

describe('a ringing call is announced to screen readers', () => {
  it('says who rings, from which queue, in an assertive region that was there before', async () => {
    const idle = signedInState();
    const shown = showPanel(idle);
    await settle();
    expect(region(shown.root)).not.toBeNull();
    expect(text(region(shown.root))).toBe('');

    act(() => shown.connector.setState(signedInState({ calls: [sampleCall()] })));
    await settle();
    expect(text(region(shown.root))).toBe(
      'Incoming call from Ada Lovelace, +33 1 23 45 67 89, in the Support queue.',
    );
    expect(region(shown.root)!.getAttribute('aria-atomic')).toBe('true');

    // Answered: nothing left to say.
    const answered = sampleCall({ state: 'connected', actions: ['hangup', 'hold'] });
    act(() => shown.connector.setState(signedInState({ calls: [answered] })));
    await settle();
    expect(text(region(shown.root))).toBe('');
  });

  it('announces a call already ringing when the panel opens, and each of several', async () => {
    const calls = [
      sampleCall(),
      sampleCall({
        id: 'c2',
        remote: { raw: '0611223344', e164: '+33611223344' },
        queue: undefined,
      }),
      sampleCall({ id: 'c3', direction: 'outbound', state: 'ringing' }),
    ];
    const shown = showPanel(signedInState({ calls }));
    await settle();
    expect(text(region(shown.root))).toBe(
      'Incoming call from Ada Lovelace, +33 1 23 45 67 89, in the Support queue. ' +
        'Incoming call from +33 6 11 22 33 44.',
    );
  });

  it('says each call as one sentence of the agent’s language, with or without name and queue', async () => {
    setMessages('fr', localeMessages('fr'));
    const calls = [
      sampleCall(),
      sampleCall({ id: 'c2', remote: { raw: '0611223344', e164: '+33611223344' } }),
      sampleCall({ id: 'c3', queue: undefined }),
    ];
    const shown = showPanel(signedInState({ calls, language: 'fr' }));
    await settle();
    expect(text(region(shown.root))).toBe(
      [
        'Appel entrant dans la file Support : Ada Lovelace, +33 1 23 45 67 89.',
        'Appel entrant dans la file Support : +33 6 11 22 33 44.',
        'Appel entrant : Ada Lovelace, +33 1 23 45 67 89.',
      ].join(' '),
    );
  });
});
