// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import { labelled, text } from '../tests/support/test-dom';

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
});
