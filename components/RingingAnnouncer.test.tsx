// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import { settle, text } from '../tests/support/test-dom';
import { act } from 'preact/test-utils';
import { RINGING_TEXT } from './RingingAnnouncer';

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
      RINGING_TEXT.namedInQueue('Ada Lovelace', '+33 1 23 45 67 89', 'Support'),
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
      [
        RINGING_TEXT.namedInQueue('Ada Lovelace', '+33 1 23 45 67 89', 'Support'),
        RINGING_TEXT.unnamed('+33 6 11 22 33 44'),
      ].join(' '),
    );
  });
});
