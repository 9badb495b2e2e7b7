// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../utils/messaging';
import type { MockReplier } from '../tests/support/mock-connector';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import { alerts, button, click, queryButton, settle, text } from '../tests/support/test-dom';
import { longestWaitMs } from './QueuesTab';

afterEach(unmountPanels);

const tools = (over: Partial<PanelState['agentTools']>): PanelState['agentTools'] => ({
  ...signedInState().agentTools,
  ...over,
});

function openQueues(state: PanelState, reply?: MockReplier) {
  const shown = showPanel(state, { reply });
  click(button(shown.root, 'Queues'));
  return shown;
}

const rows = (root: HTMLElement) => [
  ...root.querySelectorAll<HTMLElement>('[aria-label="Queues"] > li'),
];

describe('queues', () => {
  it('lists the agent’s queues with their live figures and membership', () => {
    const at = Date.now();
    const { root } = openQueues(
      signedInState({
        features: ['queues', 'queueStats'],
        agentTools: tools({
          queues: [
            { id: '3', name: 'Support', number: '3000', member: true },
            { id: '4', name: 'Sales', member: false },
          ],
          queueStats: {
            '3': { waiting: 2, longestWaitS: 75, agentsAvailable: 1, at },
            // Figures of a queue the vendor did not list still show, by id.
            '9': { waiting: 0 },
          },
        }),
      }),
    );
    const [support, sales, unlisted] = rows(root).map(text);
    expect(support).toContain('Support');
    expect(support).toContain('3000');
    expect(support).toContain('Member');
    expect(support).toContain('Waiting2');
    // 1:15 when observed, ticking on since.
    expect(support).toMatch(/Longest wait1:[1-5][0-9]/);
    expect(support).toContain('Agents available1');
    expect(support).not.toContain('Abandoned');
    expect(sales).toContain('Not a member');
    expect(sales).not.toContain('Waiting');
    expect(unlisted).toContain('9');
    expect(unlisted).toContain('Waiting0');
  });

  it('joins and leaves by the vendor’s queue id, and shows a refusal', async () => {
    const { root, connector } = openQueues(
      signedInState({
        features: ['queues'],
        commands: ['joinQueue', 'leaveQueue'],
        agentTools: tools({
          queues: [
            { id: '3', name: 'Support', member: true },
            { id: '4', name: 'Sales', member: false },
            { id: '5', name: 'Billing' },
          ],
        }),
      }),
      (msg) =>
        msg.type === 'panel/command' && msg.command.type === 'joinQueue'
          ? { ok: false, error: 'The queue is closed' }
          : undefined,
    );
    expect(queryButton(root, 'Join Support')).toBeUndefined();
    expect(queryButton(root, 'Leave Sales')).toBeUndefined();
    // Membership unknown: both are offered.
    expect(queryButton(root, 'Join Billing')).toBeDefined();
    expect(queryButton(root, 'Leave Billing')).toBeDefined();
    click(button(root, 'Leave Support'));
    await settle();
    click(button(root, 'Join Sales'));
    await settle();
    expect(connector.sent.filter((m) => m.type === 'panel/command')).toEqual([
      { type: 'panel/command', command: { type: 'leaveQueue', queue: '3' } },
      { type: 'panel/command', command: { type: 'joinQueue', queue: '4' } },
    ]);
    expect(alerts(root)).toEqual(['The queue is closed']);
  });

  it('offers no Join or Leave where the vendor cannot, and says when there is no queue', () => {
    const { root } = openQueues(
      signedInState({
        features: ['queues'],
        agentTools: tools({ queues: [{ id: '3', name: 'Support', member: true }] }),
      }),
    );
    expect(queryButton(root, 'Leave Support')).toBeUndefined();
    unmountPanels();
    const empty = openQueues(signedInState({ features: ['queues'] }));
    expect(text(empty.root)).toContain('You are in no queue.');
  });
});

describe('longestWaitMs', () => {
  it('ticks on from when the figure was observed while calls wait', () => {
    expect(longestWaitMs({ longestWaitS: 30, waiting: 1, at: 1_000 }, 11_000)).toBe(40_000);
    expect(longestWaitMs({ longestWaitS: 30, waiting: 0, at: 1_000 }, 11_000)).toBe(30_000);
    expect(longestWaitMs({ longestWaitS: 30 }, 11_000)).toBe(30_000);
    expect(longestWaitMs({ waiting: 3, at: 1_000 }, 11_000)).toBeUndefined();
  });
});
