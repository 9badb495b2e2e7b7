// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { VendorAction } from '../utils/cti/features';
import type { PanelState } from '../utils/messaging';
import type { PanelMessage } from '../utils/message-checks';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import {
  alerts,
  button,
  click,
  labelled,
  queryButton,
  settle,
  submit,
  text,
  type,
} from '../tests/support/test-dom';

afterEach(unmountPanels);

type Tools = PanelState['agentTools'];
const tools = (over: Partial<Tools>): Tools => ({ ...signedInState().agentTools, ...over });

function openMore(over: Partial<PanelState>) {
  const shown = showPanel(signedInState(over));
  click(button(shown.root, 'More'));
  return shown;
}

const commands = (sent: PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/command' ? [m.command] : []));

describe('presence', () => {
  it('toggles do-not-disturb', async () => {
    const { root, connector } = openMore({
      features: ['presence'],
      commands: ['setDnd'],
      agentTools: tools({ presence: { dnd: true } }),
    });
    const dnd = button(root, 'Do not disturb');
    expect(dnd.getAttribute('aria-pressed')).toBe('true');
    click(dnd);
    await settle();
    expect(commands(connector.sent)).toEqual([{ type: 'setDnd', enabled: false }]);
  });

  it('sets a forward with its destination, and refuses one without a number', async () => {
    const { root, connector } = openMore({
      features: ['presence'],
      commands: ['setForward'],
      agentTools: tools({
        presence: { forwards: { busy: { enabled: true, destination: '1002' } } },
      }),
    });
    const form = (name: string) =>
      root.querySelector<HTMLFormElement>(`form[aria-label="${name}"]`);
    expect(text(form('Forward when busy'))).toContain('Now on, to 1002');
    expect(labelled(root, 'Forward when busy to').value).toBe('1002');
    expect(text(form('Forward all calls'))).toContain('Now off');
    const unconditional = form('Forward all calls');
    click(labelled(root, 'Forward all calls'));
    submit(unconditional);
    await settle();
    expect(alerts(root)).toEqual(['Enter the number to forward to']);
    type(labelled(root, 'Forward all calls to'), '0611223344');
    click(button(root, 'Save: Forward all calls'));
    await settle();
    click(labelled(root, 'Forward when busy'));
    click(button(root, 'Save: Forward when busy'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'setForward', kind: 'unconditional', enabled: true, destination: '0611223344' },
      { type: 'setForward', kind: 'busy', enabled: false, destination: '1002' },
    ]);
  });

  it('shows presence it cannot change as text only, and the voicemail count', () => {
    const { root } = openMore({
      features: ['presence', 'voicemail'],
      agentTools: tools({
        presence: {
          dnd: false,
          forwards: { noAnswer: { enabled: true, destination: '1003' } },
          voicemail: { new: 2, old: 5 },
        },
      }),
    });
    expect(queryButton(root, 'Do not disturb')).toBeUndefined();
    expect(root.querySelector('form')).toBeNull();
    expect(text(root)).toContain('Do not disturb: off');
    expect(text(root)).toContain('Forward when not answered: on, to 1003');
    expect(text(root)).not.toContain('Forward all calls');
    expect(text(root)).toContain('Voicemail: 2 new, 5 old');
  });
});

describe('agent figures and actions', () => {
  it('shows the agent’s figures by unit', () => {
    const { root } = openMore({
      features: ['agentStats'],
      agentTools: tools({
        agentStats: [
          { name: 'answered', label: 'Calls answered', value: 14, unit: 'count' },
          { name: 'talk', label: 'Talk time', value: 3725, unit: 'seconds' },
          { name: 'occ', label: 'Occupancy', value: 81.6, unit: 'percent' },
        ],
      }),
    });
    const figures = text(root.querySelector('.sb-figures'));
    expect(figures).toContain('Calls answered14');
    expect(figures).toContain('Talk time1:02:05');
    expect(figures).toContain('Occupancy82%');
  });

  it('offers the vendor’s agent-scope actions as forms', async () => {
    const campaign: VendorAction = {
      id: 'campaignStatus',
      label: 'Campaign status',
      fields: [],
      submit: 'Refresh status',
    };
    const { root, connector } = openMore({ agentTools: tools({ vendorActions: [campaign] }) });
    click(button(root, 'Campaign status'));
    click(button(root, 'Refresh status'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'vendorAction', action: 'campaignStatus', values: {} },
    ]);
  });

  it('has no More section when the vendor has none of it', () => {
    const shown = showPanel(
      signedInState({
        features: ['queues'],
        agentTools: tools({
          vendorActions: [{ id: 'a', label: 'On a call', callId: 'c', fields: [] }],
        }),
      }),
    );
    expect(queryButton(shown.root, 'More')).toBeUndefined();
  });
});
