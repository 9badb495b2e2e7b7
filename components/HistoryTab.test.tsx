// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../utils/messaging';
import type { PanelMessage } from '../utils/message-checks';
import type { MockReplier } from '../tests/support/mock-connector';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import { alerts, button, click, queryButton, settle, text } from '../tests/support/test-dom';
import type { ShownEntry } from './HistoryList';

afterEach(unmountPanels);

const now = Date.now();
const LOCAL: ShownEntry = {
  callId: 'c1',
  direction: 'inbound',
  remote: { raw: '0123456789', e164: '+33123456789', name: 'Ada' },
  startedAt: now - 60_000,
  answeredAt: now - 55_000,
  endedAt: now - 10_000,
  disposition: { code: 'sale', label: 'Sale', notes: '', at: now },
};
const FROM_VENDOR: ShownEntry = {
  callId: 'found:v9',
  direction: 'outbound',
  remote: { raw: '1002' },
  startedAt: now - 3 * 86_400_000,
  fromVendor: true,
};

function history(answers: { entries: ShownEntry[]; error?: string }[]): MockReplier {
  let round = 0;
  return (msg) =>
    msg.type === 'panel/history'
      ? { ok: true, value: answers[Math.min(round++, answers.length - 1)] }
      : undefined;
}

async function openHistory(state: PanelState, reply: MockReplier) {
  const shown = showPanel(state, { reply });
  click(button(shown.root, 'History'));
  await settle();
  return shown;
}

const asked = (sent: PanelMessage[]) => sent.filter((m) => m.type === 'panel/history').length;
const rows = (root: HTMLElement) => [...root.querySelectorAll('[role="tabpanel"] li')].map(text);

describe('history', () => {
  it('lists local and phone-system calls, marks the latter, and calls back', async () => {
    const { root, connector } = await openHistory(
      signedInState({ features: ['history'] }),
      history([{ entries: [LOCAL, FROM_VENDOR] }]),
    );
    expect(asked(connector.sent)).toBe(1);
    const [local, vendor] = rows(root);
    expect(local).toContain('Ada');
    expect(local).toContain('Sale');
    expect(local).not.toContain('From the phone system');
    expect(vendor).toContain('From the phone system');
    expect(vendor).toContain('No answer');
    // Three days back: the date is shown with the time, as the interface's locale writes them
    // (English text in a British browser: en-GB, tests/setup.ts).
    const shown = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-GB', options).format(FROM_VENDOR.startedAt);
    expect(vendor).toContain(shown({ weekday: 'short' }));
    expect(vendor).toContain(shown({ month: 'short', day: 'numeric' }));
    expect(vendor).toContain(shown({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
    // Today's call too has its date.
    expect(local).toContain(
      new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric' }).format(LOCAL.startedAt),
    );
    click(button(root, 'Call back 1002'));
    await settle();
    expect(connector.sent.at(-1)).toEqual({
      type: 'panel/command',
      command: { type: 'dial', number: '1002' },
    });
  });

  it('reads again on Refresh and says when the phone system’s part failed', async () => {
    const { root, connector } = await openHistory(
      signedInState({ features: ['history'] }),
      history([{ entries: [LOCAL] }, { entries: [LOCAL], error: 'The server did not answer' }]),
    );
    expect(alerts(root)).toEqual([]);
    click(button(root, 'Refresh'));
    await settle();
    expect(asked(connector.sent)).toBe(2);
    expect(alerts(root)).toEqual([
      'Only this browser’s calls are shown. The phone system’s history could not be read: The server did not answer',
    ]);
    expect(rows(root)).toHaveLength(1);
  });

  it('says when the history cannot be read at all, and offers no call back without dialling', async () => {
    const { root } = await openHistory(
      signedInState({ features: ['history'], commands: ['answer'] }),
      (msg) => (msg.type === 'panel/history' ? { ok: false, error: 'No history' } : undefined),
    );
    expect(alerts(root)).toEqual(['No history']);
    unmountPanels();
    const other = await openHistory(
      signedInState({ features: ['history'], commands: ['answer'] }),
      history([{ entries: [LOCAL] }]),
    );
    expect(queryButton(other.root, 'Call back +33 1 23 45 67 89')).toBeUndefined();
  });

  it('has no History section without the feature', () => {
    const shown = showPanel(signedInState({ features: ['queues'] }));
    expect(queryButton(shown.root, 'History')).toBeUndefined();
  });
});
