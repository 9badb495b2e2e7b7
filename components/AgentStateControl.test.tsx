// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import type { AgentState } from '../utils/cti/model';
import {
  button,
  buttons,
  choose,
  click,
  labelled,
  nameOf,
  settle,
  text,
} from '../tests/support/test-dom';

afterEach(unmountPanels);

const REASONS = [
  { code: '1', label: 'Lunch' },
  { code: '2', label: 'Training' },
];

describe('agent state', () => {
  it('names the pause reason by its label and shows the time in the state', () => {
    const shown = showPanel(
      signedInState({
        agent: { status: 'notReady', reason: '2', since: Date.now() - 125_000 },
        pauseReasons: REASONS,
      }),
      { layout: 'popup' },
    );
    const state = shown.root.querySelector('.sb-agent-state');
    expect(text(state)).toMatch(/^Not ready \(Training\)2:\d\d$/);
    expect(state?.querySelector('time')?.getAttribute('aria-label')).toMatch(
      /^Time in this state 2:\d\d$/,
    );
    const select = labelled<HTMLSelectElement>(shown.root, 'Pause reason');
    expect([...select.options].map((o) => o.text)).toEqual(['No reason', 'Lunch', 'Training']);
  });

  it('shows a reason the list does not name as the vendor sent it, and no timer without a start', () => {
    const shown = showPanel(signedInState({ agent: { status: 'notReady', reason: 'Meeting' } }), {
      layout: 'popup',
    });
    const state = shown.root.querySelector('.sb-agent-state');
    expect(text(state)).toBe('Not ready (Meeting)');
    expect(state?.querySelector('time')).toBeNull();
    // No reasons on offer: no choice of reason.
    expect(() => labelled(shown.root, 'Pause reason')).toThrow();
  });

  it('says the state once, as a chip, and offers only the other states', () => {
    const cases: [AgentState, string, string[]][] = [
      [{ status: 'ready' }, 'Ready', ['Not ready', 'Log out']],
      [
        { status: 'notReady', reason: '1' },
        'Not ready (Lunch)',
        ['Ready', 'Log out', 'Change reason'],
      ],
      [{ status: 'wrapUp' }, 'Wrap-up', ['Ready', 'Not ready', 'Log out']],
      [{ status: 'loggedOut' }, 'Logged out', ['Ready', 'Not ready']],
    ];
    for (const [agent, shown, offered] of cases) {
      const { root } = showPanel(signedInState({ agent, pauseReasons: REASONS }), {
        layout: 'popup',
      });
      const section = root.querySelector<HTMLElement>('section.sb-agent')!;
      expect(text(section.querySelector('.sb-agent-state [role="status"]'))).toBe(shown);
      const group = section.querySelector<HTMLElement>('[role="group"]')!;
      expect(group.getAttribute('aria-label')).toBe('Change availability');
      expect(buttons(group).map(nameOf)).toEqual(offered);
      // The state's own word is on screen once: in the chip, not again as a button.
      expect(text(section).split(shown.split(' (')[0]!).length - 1).toBe(1);
      expect(section.querySelector('[aria-pressed]')).toBeNull();
      unmountPanels();
    }
  });

  it('changes the pause reason while not ready', async () => {
    const { root, connector } = showPanel(
      signedInState({ agent: { status: 'notReady', reason: '1' }, pauseReasons: REASONS }),
      { layout: 'popup' },
    );
    choose(labelled<HTMLSelectElement>(root, 'Pause reason'), '2');
    click(button(root, 'Change reason'));
    await settle();
    expect(connector.sent.at(-1)).toEqual({
      type: 'panel/command',
      command: { type: 'setAgentState', state: 'notReady', reason: '2' },
    });
  });

  it('offers no reason to change without a list, nor states the vendor does not let the agent choose', () => {
    const { root } = showPanel(
      signedInState({ agent: { status: 'notReady' }, agentStates: ['ready', 'notReady'] }),
      { layout: 'popup' },
    );
    const group = root.querySelector<HTMLElement>('section.sb-agent [role="group"]')!;
    expect(buttons(group).map(nameOf)).toEqual(['Ready']);
    unmountPanels();
    const none = showPanel(signedInState({ agentStates: [] }), { layout: 'popup' });
    expect(none.root.querySelector('section.sb-agent [role="group"]')).toBeNull();
    expect(text(none.root.querySelector('.sb-agent-state'))).toBe('Ready');
  });
});
