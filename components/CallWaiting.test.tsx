// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Call } from '../utils/cti/model';
import type { PanelMessage } from '../utils/message-checks';
import type { MockReplier } from '../tests/support/mock-connector';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import { alerts, button, click, queryButton, settle, text } from '../tests/support/test-dom';
import { callSwitch } from './CallWaiting';

afterEach(unmountPanels);

const talking = sampleCall({
  id: 'a',
  state: 'connected',
  remote: { raw: '0123456789', e164: '+33123456789', name: 'Ada Lovelace' },
  actions: ['hangup', 'hold'],
});
const held = sampleCall({
  id: 'b',
  state: 'held',
  remote: { raw: '1002' },
  actions: ['resume', 'hangup'],
});
const ringing = sampleCall({
  id: 'c',
  remote: { raw: '0611223344', e164: '+33611223344', name: 'Bob Martin' },
  actions: ['answer', 'hangup'],
});
const commands = (sent: PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/command' ? [m.command] : []));
const group = (root: HTMLElement) =>
  root.querySelector<HTMLElement>('[role="group"][aria-label="Switch between calls"]');
const hintOf = (el: HTMLElement) =>
  text(document.getElementById(el.getAttribute('aria-describedby')!));

describe('call waiting', () => {
  it.each([
    {
      what: 'swaps a call in progress with the held one: holds it, then resumes the other',
      other: held,
      control: 'Swap',
      hint: 'Puts Ada Lovelace on hold and takes 1002 off hold',
      then: { type: 'resume', callId: 'b' },
    },
    {
      what: 'holds the call in progress and answers the one ringing',
      other: ringing,
      control: 'Hold and answer',
      hint: 'Puts Ada Lovelace on hold and answers Bob Martin',
      then: { type: 'answer', callId: 'c' },
    },
  ])('$what', async ({ other, control, hint, then }) => {
    const { root, connector } = showPanel(signedInState({ calls: [talking, other] }));
    const offered = button(group(root)!, control);
    expect(hintOf(offered)).toBe(hint);
    click(offered);
    await settle();
    expect(commands(connector.sent)).toEqual([{ type: 'hold', callId: 'a' }, then]);
  });

  it('stops when the hold is refused, and keeps a failed second step in view', async () => {
    const refuseHold: MockReplier = (msg) =>
      msg.type === 'panel/command' && msg.command.type === 'hold'
        ? { ok: false, error: 'The PBX refused' }
        : undefined;
    const refused = showPanel(signedInState({ calls: [talking, held] }), { reply: refuseHold });
    click(button(refused.root, 'Swap'));
    await settle();
    expect(commands(refused.connector.sent)).toEqual([{ type: 'hold', callId: 'a' }]);
    expect(alerts(group(refused.root)!)).toEqual(['The PBX refused']);
    unmountPanels();

    // The hold went through (both calls are held now, so no swap is on offer), the resume not.
    const { root, connector } = showPanel(signedInState({ calls: [talking, held] }), {
      reply: (msg, state) => {
        if (msg.type !== 'panel/command') return undefined;
        if (msg.command.type === 'resume') return { ok: false, error: 'Resume failed' };
        connector.setState({
          ...state,
          calls: [{ ...talking, state: 'held', actions: ['resume', 'hangup'] }, held],
        });
        return undefined;
      },
    });
    click(button(root, 'Swap'));
    await settle();
    expect(queryButton(root, 'Swap')).toBeUndefined();
    expect(alerts(root)).toEqual(['Resume failed']);
  });

  it('offers nothing where the calls cannot be held or resumed now, or it is not one for one', () => {
    const cases: Call[][] = [
      [talking],
      // The vendor cannot hold: the store gives the calls no hold or resume.
      [
        { ...talking, actions: ['hangup'] },
        { ...held, actions: ['hangup'] },
      ],
      [talking, { ...held, actions: ['hangup'] }],
      [talking, { ...talking, id: 'a2' }, held],
      [talking, { ...ringing, actions: ['hangup'] }],
      [talking, { ...ringing, direction: 'outbound' }],
    ];
    for (const calls of cases) {
      expect(callSwitch(calls)).toBeUndefined();
      const { root } = showPanel(signedInState({ calls }));
      expect(group(root)).toBeNull();
      unmountPanels();
    }
    expect(callSwitch([held, talking])?.kind).toBe('swap');
    expect(callSwitch([ringing, talking])?.kind).toBe('holdAndAnswer');
    // A third call ringing meanwhile changes nothing to the two in hand.
    expect(callSwitch([talking, held, ringing])?.kind).toBe('swap');
  });
});
