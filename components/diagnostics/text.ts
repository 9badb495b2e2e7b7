/**
 * Every English string of the diagnostics page, in one place for translation: whole sentences,
 * with the values (already formatted with Intl by the caller) passed in.
 */
import type { ConnectionRecord, PopRecord, RuleMiss, SettingSource } from '../../utils/messaging';

export const DIAGNOSTICS_TEXT = {
  title: 'Switchboard diagnostics',
  intro:
    'What Switchboard saw and decided, for your support team. It updates while this page is open.',
  loading: 'Loading…',
  loadFailed: (error: string) => `Could not read the diagnostics: ${error}`,
  refreshFailed: (error: string) => `The last update failed: ${error}`,
  updatedAt: (time: string) => `Updated at ${time}`,
  pause: 'Pause updates',
  resume: 'Resume updates',
  link: 'Diagnostics',

  aboutTitle: 'About',
  version: 'Extension version',
  browser: 'Browser',
  vendor: 'Phone system',
  unknown: 'Unknown',
  signedIn: 'Signed in',
  signedOut: 'Signed out',
  session: 'Agent',
  connection: 'Connection',

  exportTitle: 'Export',
  exportHint:
    'Saves everything on this page as a JSON file to send to support. Phone numbers, and any other number of five digits or more, are masked (all but a few digits) unless you include phone numbers.',
  includeNumbers: 'Include phone numbers',
  exportButton: 'Export JSON',
  exported: (name: string) => `Saved ${name}`,

  time: 'Time',
  what: 'What',
  details: 'Details',
  listNote: (count: string) => `Newest first. Keeps the last ${count}.`,

  timelineTitle: 'Connection',
  timelineEmpty: 'Nothing yet.',

  popsTitle: 'Screen-pop decisions',
  popsEmpty: 'No call has been considered for a screen-pop yet.',
  call: 'Call',
  outcome: 'Decision',
  rule: 'Rule',

  outboxTitle: 'Outbox',
  outboxEmpty: 'Nothing waits to be sent.',
  item: 'Item',
  status: 'Status',
  attempts: 'Attempts',
  lastError: 'Last error',
  nextAttempt: 'Next attempt',

  eventsTitle: 'Recent phone-system events',
  eventsEmpty: 'No event from the phone system yet.',
  event: 'Event',
  repeated: (count: string, last: string) => `${count} more like it until ${last}`,
  tooLarge: (size: string) => `Too large to keep (${size} characters).`,

  settingsTitle: 'Settings in force',
  settingsHint: (locked: string) =>
    `Values of secrets are hidden. Settings set by policy (${locked} here) cannot be changed by the agent.`,
  setting: 'Setting',
  value: 'Value',
  source: 'Source',
  problemsTitle: 'Problems found in the settings',
} as const;

const CONNECTION_TEXT: Record<ConnectionRecord['kind'], string> = {
  started: 'Switchboard started (browser start, update, or a restart of its background)',
  signIn: 'Sign-in started by the agent',
  signInFailed: 'Sign-in failed',
  connecting: 'Connecting to the phone system',
  connected: 'Connected',
  lost: 'Connection lost',
  retry: 'Reconnect attempt failed',
  failed: 'Stopped: the agent must sign in again',
  signedOut: 'Signed out',
};

export const connectionText = (kind: ConnectionRecord['kind']): string => CONNECTION_TEXT[kind];

export const attemptsText = (first: string, last?: string): string =>
  last === undefined ? `Attempt ${first}` : `Attempts ${first} to ${last}`;
export const lastFailureText = (time: string): string => `Last failure at ${time}`;
export const nextAttemptText = (time: string): string => `Next attempt at ${time}`;

const OUTCOME_TEXT: Record<PopRecord['outcome'], string> = {
  popped: 'Opened',
  noRule: 'Not opened: no rule matched',
  alreadyPopped: 'Not opened: already opened for this call',
  badTemplate: 'Not opened: the rule’s address was refused',
  openFailed: 'Not opened: the browser could not open it',
  ended: 'Nothing to open: the call had ended',
  error: 'Not opened: something failed',
};

export const outcomeText = (outcome: PopRecord['outcome']): string => OUTCOME_TEXT[outcome];

const TRIGGER_TEXT: Record<string, string> = {
  ringing: 'when it rings',
  answered: 'when it is answered',
  manual: 'when the agent asks (Open record)',
};

export const triggerText = (trigger: string): string => TRIGGER_TEXT[trigger] ?? trigger;

const DIRECTION_TEXT: Record<string, string> = { inbound: 'Inbound', outbound: 'Outbound' };
export const directionText = (direction: string): string => DIRECTION_TEXT[direction] ?? direction;

export const callText = (direction: string, number: string): string =>
  `${directionText(direction)} call, ${number}`;
export const queueText = (queue: string): string => `Queue: ${queue}`;
export const noRulesText = 'No screen-pop rule is set.';

/** Why a rule passed a call by, for the agent's support team. */
export function missText(miss: RuleMiss, call?: PopRecord['call']): string {
  const rule = miss.ruleId;
  switch (miss.why) {
    case 'trigger':
      return `Rule “${rule}” opens ${triggerText(miss.wants ?? '')}.`;
    case 'direction':
      return `Rule “${rule}” is for ${miss.wants === 'outbound' ? 'outbound' : 'inbound'} calls only.`;
    case 'queue':
      return call?.queue
        ? `Rule “${rule}” is for queues matching “${miss.wants ?? ''}”, and this call came through “${call.queue}”.`
        : `Rule “${rule}” is for queues matching “${miss.wants ?? ''}”, and this call came through no queue.`;
    case 'vendorPage':
      return `Rule “${rule}” opens the phone system’s own page, and the phone system sent none for this call.`;
  }
}

const STATUS_TEXT: Record<string, string> = {
  waiting: 'Waiting to be sent',
  rejected: 'Refused by the phone system',
  uncertain: 'Held: it may have been sent already',
};
export const outboxStatusText = (status: string): string => STATUS_TEXT[status] ?? status;

const KIND_TEXT: Record<string, string> = {
  dispose: 'Disposition',
  scheduleCallback: 'Call-back to schedule',
  rescheduleCallback: 'Call-back to move',
  cancelCallback: 'Call-back to cancel',
  setCallData: 'Call data',
};
export const outboxKindText = (kind: string): string => KIND_TEXT[kind] ?? kind;

const SOURCE_TEXT: Record<SettingSource['source'], string> = {
  policy: 'Policy (locked)',
  agent: 'Agent',
  default: 'Default',
};
export const sourceText = (source: SettingSource['source']): string => SOURCE_TEXT[source];

const CONNECTION_NOW: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  failed: 'Stopped',
};
export const connectionNowText = (status: string): string => CONNECTION_NOW[status] ?? status;
