// @vitest-environment happy-dom
/** The history settings on the options page: labelled, checked, saved, and locked by policy. */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings, type ResolvedSettings } from '../../utils/settings/policy';
import { patchProblem } from '../../utils/storage/user-settings';
import type { SettingsConnector } from '../../utils/ui/settings-connector';
import { button, click, labelled, mount, settle, text, type } from '../../tests/support/test-dom';
import { OptionsPage } from './OptionsPage';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** The background's side in memory: the agent's values under `policy`. */
function connector(policy: Record<string, unknown> = {}) {
  let values: Record<string, unknown> = {};
  const saved: Record<string, unknown>[] = [];
  const connect: SettingsConnector = {
    load: async (): Promise<ResolvedSettings> => resolveSettings(values, policy),
    save: async (patch) => {
      const problem = patchProblem(patch);
      if (problem) throw new Error(`Not saved: ${problem}`);
      saved.push(patch);
      values = { ...values, ...patch };
      return resolveSettings(values, policy);
    },
    watch: () => undefined,
  };
  return { connect, saved };
}

async function open(connect: SettingsConnector) {
  const view = mount(<OptionsPage connector={connect} />);
  cleanup = view.unmount;
  await settle();
  return view.container;
}

describe('history settings', () => {
  it('shows the defaults, refuses what is out of range and saves what changed', async () => {
    const { connect, saved } = connector();
    const root = await open(connect);
    const days = labelled(root, 'Keep calls for (days)');
    const most = labelled(root, 'Keep at most (calls)');
    expect(days.value).toBe('30');
    expect(most.value).toBe('5000');
    type(days, '0');
    click(button(root, 'Save'));
    await settle();
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);
    type(days, '90');
    type(most, '200');
    click(button(root, 'Save'));
    await settle();
    expect(saved).toEqual([{ history: { retentionDays: 90, maxEntries: 200 } }]);
  });

  it('is locked where policy sets it', async () => {
    const { connect } = connector({ history: { retentionDays: 7 } });
    const root = await open(connect);
    const days = labelled(root, 'Keep calls for (days)');
    expect(days.value).toBe('7');
    expect(days.disabled).toBe(true);
    expect(text(root)).toContain('Managed by your organization');
    expect(labelled(root, 'Keep at most (calls)').disabled).toBe(false);
  });
});
