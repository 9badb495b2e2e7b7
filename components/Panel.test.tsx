// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../utils/messaging';
import { createMockConnector } from '../tests/support/mock-connector';
import { sampleCall, signedInState, signedOutState } from '../tests/support/sample-state';
import { Panel } from './Panel';
import {
  alerts,
  button,
  buttons,
  click,
  labelled,
  mount,
  nameOf,
  queryButton,
  settle,
  submit,
  text,
  type,
} from '../tests/support/test-dom';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function show(state: PanelState, reply?: Parameters<typeof createMockConnector>[1]) {
  const connector = createMockConnector(state, reply);
  const view = mount(<Panel connector={connector} />);
  cleanup = view.unmount;
  return { connector, root: view.container };
}

/** Names of the buttons in a call's "Call controls" group. */
const controls = (root: HTMLElement) =>
  buttons(root.querySelector('[role="group"][aria-label="Call controls"]')!).map(nameOf);

describe('signed out', () => {
  it('shows the connection and credential fields with labels and a Sign in button', () => {
    const { root } = show(signedOutState());
    const server = labelled(root, 'Server');
    expect(server.tagName).toBe('INPUT');
    expect(labelled(root, 'Username').type).toBe('text');
    expect(labelled(root, 'Password').type).toBe('password');
    expect(labelled(root, 'Phone number').type).toBe('tel');
    expect(button(root, 'Sign in').type).toBe('submit');
    expect(queryButton(root, 'Sign out')).toBeUndefined();
  });

  it('hides connection fields that policy sets', () => {
    const state = signedOutState();
    state.signIn.connectionFields = [
      { key: 'server', label: 'Server', value: 'https://x', locked: true },
    ];
    const { root } = show(state);
    expect(() => labelled(root, 'Server')).toThrow();
    expect(labelled(root, 'Username')).toBeTruthy();
  });

  it('sends what the agent typed and shows a refusal in an alert', async () => {
    const { root, connector } = show(signedOutState(), (msg) =>
      msg.type === 'panel/signIn' ? { ok: false, error: 'Wrong password' } : undefined,
    );
    type(labelled(root, 'Server'), 'https://xuc.example.com');
    type(labelled(root, 'Username'), 'jdoe');
    type(labelled(root, 'Password'), 'secret');
    type(labelled(root, 'Phone number'), '1001');
    submit(root.querySelector('form'));
    await settle();
    expect(connector.sent).toContainEqual({
      type: 'panel/signIn',
      credentials: { username: 'jdoe', password: 'secret', phoneNumber: '1001' },
      connection: { server: 'https://xuc.example.com' },
    });
    expect(alerts(root)).toContain('Wrong password');
    // The password does not linger in the form after the attempt.
    expect(labelled(root, 'Password').value).toBe('');
    expect(labelled(root, 'Username').value).toBe('jdoe');
  });

  it('follows settings that arrive after the form is shown, until the agent edits the field', async () => {
    const { root, connector } = show(signedOutState());
    const withServer = (value: string) => (s: PanelState) => ({
      ...s,
      signIn: {
        ...s.signIn,
        connectionFields: [{ key: 'server', label: 'Server', value, locked: false }],
      },
    });
    connector.setState(withServer('https://from-settings.example.com'));
    await settle();
    expect(labelled(root, 'Server').value).toBe('https://from-settings.example.com');
    type(labelled(root, 'Server'), 'https://typed.example.com');
    connector.setState(withServer('https://later.example.com'));
    await settle();
    expect(labelled(root, 'Server').value).toBe('https://typed.example.com');
  });

  it('shows why the connection failed', () => {
    const { root } = show(
      signedInState({ connection: { status: 'failed', reason: 'Invalid credentials' } }),
    );
    expect(alerts(root)).toContain('Invalid credentials');
    expect(button(root, 'Sign in')).toBeTruthy();
  });
});

describe('signed in', () => {
  it('shows the connection in plain words, and the last event one click away', () => {
    const lastEventAt = new Date(2025, 0, 6, 14, 3, 22).getTime();
    const { root } = show(signedInState({ lastEventAt }));
    expect(text(root.querySelector('[role="status"]'))).toBe('Connected');
    expect(text(root)).not.toContain('14:03:22');
    click(button(root, 'Connection details'));
    expect(text(root.querySelector('#sb-connection-details'))).toContain('Last event14:03:22');
  });

  it('says which reconnect attempt it is, without a countdown in the live region', () => {
    const { root } = show(
      signedInState({
        connection: {
          status: 'reconnecting',
          attempt: 3,
          retryAt: Date.now() + 4_500,
          reason: 'closed',
        },
      }),
    );
    expect(text(root.querySelector('[role="status"]'))).toBe('Reconnecting… (attempt 3)');
  });

  it('offers only the agent states the vendor allows, with its pause reasons', async () => {
    const { root, connector } = show(
      signedInState({
        agentStates: ['ready', 'notReady'],
        pauseReasons: [{ code: 'lunch', label: 'Lunch' }],
      }),
    );
    // Ready already: the state says so once, and Ready is not offered again.
    expect(text(root.querySelector('.sb-agent-state'))).toBe('Ready');
    expect(queryButton(root, 'Ready')).toBeUndefined();
    expect(queryButton(root, 'Log out')).toBeUndefined();
    const reason = labelled<HTMLSelectElement>(root, 'Pause reason');
    reason.value = 'lunch';
    reason.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    click(button(root, 'Not ready'));
    await settle();
    expect(connector.sent.at(-1)).toEqual({
      type: 'panel/command',
      command: { type: 'setAgentState', state: 'notReady', reason: 'lunch' },
    });
  });

  it('shows a ringing inbound call with Answer and Decline only', () => {
    const { root } = show(signedInState({ calls: [sampleCall()] }));
    expect(controls(root)).toEqual(['Answer', 'Decline']);
    expect(text(root)).toContain('+33 1 23 45 67 89');
    expect(text(root)).toContain('Ada Lovelace');
    expect(text(root)).toContain('Ringing');
    expect(text(root)).toContain('Queue: Support');
  });

  it('shows exactly the actions of a connected call and sends Hold', async () => {
    const call = sampleCall({
      state: 'connected',
      answeredAt: Date.now(),
      actions: ['hangup', 'hold'],
    });
    const { root, connector } = show(signedInState({ calls: [call] }));
    expect(controls(root)).toEqual(['Hang up', 'Hold']);
    expect(queryButton(root, 'Transfer')).toBeUndefined();
    expect(queryButton(root, 'Keypad')).toBeUndefined();
    click(button(root, 'Hold'));
    await settle();
    expect(connector.sent).toContainEqual({
      type: 'panel/command',
      command: { type: 'hold', callId: 'call-1' },
    });
  });

  it('offers Open record for a call a manual screen-pop rule matches, and says why it fails', async () => {
    const call = sampleCall({ state: 'connected', actions: ['hangup'] });
    const { root, connector } = show(
      signedInState({ calls: [call], recordCalls: ['call-1'] }),
      (msg) =>
        msg.type === 'panel/popRecord'
          ? { ok: false, error: 'Could not open the record: no tab' }
          : undefined,
    );
    expect(controls(root)).toEqual(['Hang up', 'Open record']);
    click(button(root, 'Open record'));
    await settle();
    expect(connector.sent).toContainEqual({ type: 'panel/popRecord', callId: 'call-1' });
    expect(alerts(root)).toEqual(['Could not open the record: no tab']);
    cleanup?.();
    const { root: other } = show(signedInState({ calls: [call] }));
    expect(queryButton(other, 'Open record')).toBeUndefined();
  });

  it('shows a refused command next to the controls without crashing', async () => {
    const call = sampleCall({ state: 'connected', actions: ['hangup', 'hold'] });
    const { root } = show(signedInState({ calls: [call] }), (msg) =>
      msg.type === 'panel/command' ? { ok: false, error: 'The PBX refused' } : undefined,
    );
    click(button(root, 'Hold'));
    await settle();
    expect(alerts(root)).toEqual(['The PBX refused']);
    expect(button(root, 'Hold')).toBeTruthy();
  });

  it('survives a connector that throws', async () => {
    const call = sampleCall({ state: 'connected', actions: ['hangup'] });
    const { root } = show(signedInState({ calls: [call] }), () => {
      throw new Error('port closed');
    });
    click(button(root, 'Hang up'));
    await settle();
    expect(alerts(root)).toEqual(['port closed']);
  });

  it('transfers: validates the target and sends an attended transfer', async () => {
    const call = sampleCall({
      state: 'connected',
      actions: ['hangup', 'hold', 'blindTransfer', 'attendedTransfer', 'sendDtmf'],
    });
    const { root, connector } = show(signedInState({ calls: [call] }));
    expect(controls(root)).toEqual(['Hang up', 'Hold', 'Transfer', 'Keypad']);
    click(button(root, 'Transfer'));
    expect(button(root, 'Transfer').getAttribute('aria-expanded')).toBe('true');
    type(labelled(root, 'Transfer to'), 'abc');
    submit(root.querySelector('form[aria-label="Transfer"]'));
    await settle();
    expect(alerts(root)[0]).toMatch(/digits/);
    expect(connector.sent).toEqual([]);

    const attended = labelled(root, 'Attended');
    click(attended);
    type(labelled(root, 'Transfer to'), '2002');
    click(button(root, 'Start transfer'));
    await settle();
    expect(connector.sent).toContainEqual({
      type: 'panel/command',
      command: { type: 'attendedTransfer', callId: 'call-1', target: '2002' },
    });
  });

  it('shows Complete and Cancel transfer while transferring', () => {
    const call = sampleCall({
      state: 'transferring',
      transferTarget: '2002',
      actions: ['hangup', 'completeTransfer', 'cancelTransfer'],
    });
    const { root } = show(signedInState({ calls: [call] }));
    expect(controls(root)).toEqual(['Hang up', 'Complete transfer', 'Cancel transfer']);
    expect(text(root)).toContain('Transferring to 2002');
  });

  it('sends keypad digits', async () => {
    const call = sampleCall({ state: 'connected', actions: ['hangup', 'sendDtmf'] });
    const { root, connector } = show(signedInState({ calls: [call] }));
    click(button(root, 'Keypad'));
    click(button(root, '5'));
    await settle();
    expect(connector.sent).toContainEqual({
      type: 'panel/command',
      command: { type: 'sendDtmf', callId: 'call-1', digits: '5' },
    });
  });

  it('dials from the dial box only when the vendor can dial', async () => {
    const { root, connector } = show(signedInState());
    type(labelled(root, 'Number'), ' +33 1 23 45 67 89 ');
    click(button(root, 'Call'));
    await settle();
    expect(connector.sent).toContainEqual({
      type: 'panel/command',
      command: { type: 'dial', number: '+33 1 23 45 67 89' },
    });
    expect(labelled(root, 'Number').value).toBe('');

    connector.setState((s) => ({ ...s, commands: s.commands.filter((c) => c !== 'dial') }));
    await settle();
    expect(queryButton(root, 'Call')).toBeUndefined();
  });

  it('asks for a disposition after the call and sends it', async () => {
    const ended = sampleCall({ state: 'ended', endedAt: Date.now(), actions: ['dispose'] });
    const { root, connector } = show(
      signedInState({
        calls: [ended],
        agent: { status: 'wrapUp' },
        dispositionRequired: true,
        dispositionCodes: [
          { code: 'sale', label: 'Sale' },
          { code: 'nosale', label: 'No sale' },
        ],
      }),
    );
    expect(text(root)).toContain('You must save a disposition before going ready.');
    expect(button(root, 'Ready').disabled).toBe(true);
    expect(queryButton(root, 'Hang up')).toBeUndefined();

    const code = labelled<HTMLSelectElement>(root, 'Disposition');
    code.value = 'nosale';
    code.dispatchEvent(new Event('change', { bubbles: true }));
    type(labelled<HTMLTextAreaElement>(root, 'Notes'), 'Call back Monday');
    click(button(root, 'Save disposition'));
    await settle();
    expect(connector.sent).toContainEqual({
      type: 'panel/command',
      command: { type: 'dispose', callId: 'call-1', code: 'nosale', notes: 'Call back Monday' },
    });
  });

  it('lists recent calls and signs out', async () => {
    const { root, connector } = show(
      signedInState({
        calls: [sampleCall({ id: 'live' })],
        recent: [
          // The call on screen is not listed again.
          { callId: 'live', direction: 'inbound', remote: { raw: '999' }, startedAt: Date.now() },
          {
            callId: 'h1',
            direction: 'inbound',
            remote: { raw: '0123456789', e164: '+33123456789', name: 'Ada' },
            recordId: 'lead-7',
            startedAt: Date.now() - 60_000,
          },
        ],
      }),
    );
    expect(root.querySelectorAll('.sb-recent li')).toHaveLength(1);
    expect(text(root.querySelector('.sb-recent'))).toContain('Missed');
    click(button(root, 'Call back +33 1 23 45 67 89'));
    click(button(root, 'Sign out'));
    await settle();
    expect(
      connector.sent.filter((m) => m.type !== 'panel/command' || m.command.type === 'dial'),
    ).toEqual([
      {
        type: 'panel/command',
        command: { type: 'dial', number: '+33123456789', recordId: 'lead-7' },
      },
      { type: 'panel/signOut' },
    ]);
  });

  it('shows notices as text and dismisses them', async () => {
    const { root, connector } = show(
      signedInState({
        notices: [{ id: 'n1', level: 'error', message: '<b>Agent login refused</b>', at: 0 }],
      }),
    );
    expect(text(root.querySelector('.sb-notices [role="status"]'))).toBe(
      '<b>Agent login refused</b>',
    );
    expect(root.querySelector('b')).toBeNull();
    click(button(root, 'Dismiss notice'));
    await settle();
    expect(connector.sent).toContainEqual({ type: 'panel/dismissNotice', id: 'n1' });
  });
});
