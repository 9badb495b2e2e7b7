// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelMessage } from '../utils/message-checks';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import {
  button,
  buttons,
  click,
  nameOf,
  queryButton,
  settle,
  text,
} from '../tests/support/test-dom';

afterEach(unmountPanels);

const cards = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('article.sb-call')];
/** An article's accessible name, from the elements its aria-labelledby names. */
const nameOfCard = (card: HTMLElement) =>
  (card.getAttribute('aria-labelledby') ?? '')
    .split(' ')
    .map((id) => text(document.getElementById(id)))
    .join(' ');
const controls = (card: HTMLElement) =>
  buttons(card.querySelector('[role="group"][aria-label="Call controls"]')!);
const commands = (sent: PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/command' ? [m.command] : []));

describe('the ringing call', () => {
  it('is a card of its own that says "Incoming call", with the caller and Answer first', () => {
    const { root } = showPanel(signedInState({ calls: [sampleCall()] }), { layout: 'popup' });
    const [card] = cards(root);
    expect(card!.classList.contains('sb-call--incoming')).toBe(true);
    expect(nameOfCard(card!)).toBe('Incoming call +33 1 23 45 67 89');
    expect(text(card!.querySelector('.sb-call-kicker'))).toBe('Incoming call');
    expect(text(card!.querySelector('.sb-call-name'))).toBe('Ada Lovelace');
    // The header says it is incoming: the meta line does not say it again.
    expect(text(card!.querySelector('.sb-call-meta'))).toBe('RingingQueue: Support');
    const [first, second] = controls(card!);
    expect([nameOf(first!), nameOf(second!)]).toEqual(['Answer', 'Decline']);
    expect(first!.className).toBe('sb-answer');
    expect(second!.className).toBe('sb-decline');
  });

  it('declines with the vendor’s hang-up command, and offers no "Hang up" while it rings', async () => {
    const { root, connector } = showPanel(signedInState({ calls: [sampleCall()] }));
    expect(queryButton(root, 'Hang up')).toBeUndefined();
    click(button(root, 'Decline'));
    await settle();
    expect(commands(connector.sent)).toEqual([{ type: 'hangup', callId: 'call-1' }]);
  });

  it('is declined alone where the vendor cannot answer from the panel', () => {
    // CCS, MaxContact, uContact: the call rings on the phone; the panel can only refuse it.
    const call = sampleCall({ actions: ['hangup', 'redirectToQueue'] });
    const { root } = showPanel(
      signedInState({ calls: [call], queues: [{ code: 'q', label: 'Sales' }] }),
    );
    expect(controls(cards(root)[0]!).map(nameOf)).toEqual(['Decline', 'Send to queue']);
  });

  it('goes back to a plain card with Hang up once answered, and for calls the agent placed', async () => {
    const { root, connector } = showPanel(signedInState({ calls: [sampleCall()] }));
    connector.setState((s) => ({
      ...s,
      calls: [
        sampleCall({ state: 'connected', answeredAt: Date.now(), actions: ['hangup', 'hold'] }),
        sampleCall({
          id: 'out',
          direction: 'outbound',
          state: 'ringing',
          remote: { raw: '1002' },
          actions: ['hangup'],
        }),
        sampleCall({ id: 'dial', direction: 'outbound', state: 'dialing', actions: ['hangup'] }),
      ],
    }));
    await settle();
    for (const card of cards(root)) {
      expect(card.classList.contains('sb-call--incoming')).toBe(false);
      expect(card.querySelector('.sb-call-kicker')).toBeNull();
      expect(controls(card).map(nameOf)).toContain('Hang up');
      expect(queryButton(card, 'Decline')).toBeUndefined();
    }
    expect(text(cards(root)[0]!.querySelector('.sb-call-meta'))).toContain('Incoming');
  });
});
