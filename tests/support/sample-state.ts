/**
 * Panel states for tests and previews with the mock connector. They mirror what the background
 * sends for XiVO so that a preview looks like the real thing.
 */
import type { Call } from '../../utils/cti/model';
import type { PanelState } from '../../utils/messaging';

export function signedOutState(overrides: Partial<PanelState> = {}): PanelState {
  return {
    vendor: 'xivo',
    vendorLabel: 'XiVO',
    connection: { status: 'idle' },
    agent: { status: 'loggedOut' },
    calls: [],
    commands: [],
    agentStates: [],
    pauseReasons: [],
    features: [],
    agentTools: {
      queues: [],
      queueStats: {},
      callbacks: [],
      presence: {},
      agentStats: [],
      vendorActions: [],
    },
    dialVariables: false,
    dialRoutes: [],
    // The agent's country is known (a state without it shows the country prompt).
    defaultCountry: 'US',
    queues: [],
    dispositionCodes: [],
    dispositionRequired: false,
    dispositionCallback: false,
    recordCalls: [],
    signIn: {
      connectionFields: [{ key: 'server', label: 'Server', value: '', locked: false }],
      fields: [
        {
          key: 'username',
          label: 'Username',
          type: 'text',
          autocomplete: 'username',
          required: true,
        },
        {
          key: 'password',
          label: 'Password',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
        },
        { key: 'phoneNumber', label: 'Phone number', type: 'tel', required: true },
      ],
    },
    notices: [],
    recent: [],
    outbox: [],
    ...overrides,
  };
}

export function signedInState(overrides: Partial<PanelState> = {}): PanelState {
  return signedOutState({
    connection: { status: 'connected', since: Date.UTC(2025, 0, 6, 9, 0, 0) },
    lastEventAt: Date.UTC(2025, 0, 6, 9, 0, 5),
    identity: { username: 'jdoe' },
    agent: { status: 'ready' },
    commands: ['dial', 'answer', 'hangup', 'hold', 'resume', 'setAgentState'],
    agentStates: ['ready', 'notReady', 'loggedOut'],
    ...overrides,
  });
}

export function sampleCall(overrides: Partial<Call> = {}): Call {
  return {
    id: 'call-1',
    vendorCallId: 'v-1',
    direction: 'inbound',
    state: 'ringing',
    remote: { raw: '0123456789', e164: '+33123456789', name: 'Ada Lovelace' },
    queue: 'Support',
    startedAt: Date.UTC(2025, 0, 6, 9, 0, 0),
    data: {},
    recording: 'unknown',
    actions: ['answer', 'hangup'],
    ...overrides,
  };
}
