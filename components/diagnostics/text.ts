/**
 * The words of the diagnostics page that depend on a value: a record's kind, a decision, a
 * count. Whole sentences from the `diagnostics` group of locales/*.yml, with the values
 * formatted through Intl in the interface's language (utils/i18n/format.ts). The page's fixed
 * labels are `t('diagnostics.…')` where they are shown.
 */
import type { CallDirection, Connection } from '../../utils/cti/model';
import { formatTimestamp, formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/runtime';
import type {
  ConnectionRecord,
  OutboxEntry,
  PopRecord,
  RuleMiss,
  SettingSource,
} from '../../utils/messaging';

const CONNECTION = {
  started: 'diagnostics.timelineStarted',
  signIn: 'diagnostics.timelineSignIn',
  signInFailed: 'diagnostics.timelineSignInFailed',
  connecting: 'diagnostics.timelineConnecting',
  connected: 'diagnostics.timelineConnected',
  lost: 'diagnostics.timelineLost',
  retry: 'diagnostics.timelineRetry',
  failed: 'diagnostics.timelineFailed',
  signedOut: 'diagnostics.timelineSignedOut',
} as const satisfies Record<ConnectionRecord['kind'], string>;

export const connectionText = (kind: ConnectionRecord['kind']): string => t(CONNECTION[kind]);

/** "Attempt 2", or "Attempts 2 to 9" for a run of attempts that failed for one reason. */
export const attemptsText = (first: number, last?: number): string =>
  last === undefined
    ? t('diagnostics.attempt', { attempt: formatNumber(first) })
    : t('diagnostics.attemptRange', { first: formatNumber(first), last: formatNumber(last) });
export const lastFailureText = (at: number): string =>
  t('diagnostics.lastFailure', { time: formatTimestamp(at) });
export const nextAttemptText = (at: number): string =>
  t('diagnostics.nextAttemptAt', { time: formatTimestamp(at) });

/** Under each list of the journal: its order and how many records it keeps. */
export const listNoteText = (limit: number): string =>
  t('diagnostics.listNote', limit, { count: formatNumber(limit) });

const OUTCOME = {
  popped: 'diagnostics.outcomePopped',
  noRule: 'diagnostics.outcomeNoRule',
  alreadyPopped: 'diagnostics.outcomeAlreadyPopped',
  badTemplate: 'diagnostics.outcomeBadTemplate',
  openFailed: 'diagnostics.outcomeOpenFailed',
  ended: 'diagnostics.outcomeEnded',
  error: 'diagnostics.outcomeError',
} as const satisfies Record<PopRecord['outcome'], string>;

export const outcomeText = (outcome: PopRecord['outcome']): string => t(OUTCOME[outcome]);

/** The three moments a rule can open its page at (utils/settings/schema.ts `PopTrigger`). */
const TRIGGER = {
  ringing: 'diagnostics.triggerRinging',
  answered: 'diagnostics.triggerAnswered',
  manual: 'diagnostics.triggerManual',
} as const;

const MISSED_TRIGGER = {
  ringing: 'diagnostics.missRinging',
  answered: 'diagnostics.missAnswered',
  manual: 'diagnostics.missManual',
} as const satisfies Record<keyof typeof TRIGGER, string>;

const isTrigger = (value: string | undefined): value is keyof typeof TRIGGER =>
  value !== undefined && Object.hasOwn(TRIGGER, value);

/** A trigger in words; one this version does not know (a newer journal's) as it is. */
export const triggerText = (trigger: string): string =>
  isTrigger(trigger) ? t(TRIGGER[trigger]) : trigger;

const CALL = {
  inbound: 'diagnostics.callInbound',
  outbound: 'diagnostics.callOutbound',
} as const satisfies Record<CallDirection, string>;

export const callText = (direction: CallDirection, number: string): string =>
  t(CALL[direction], { number });
export const queueText = (queue: string): string => t('diagnostics.queue', { queue });
export const noRulesText = (): string => t('diagnostics.noRules');

/** Why a rule passed a call by, for the agent's support team. */
export function missText(miss: RuleMiss, call?: PopRecord['call']): string {
  const rule = miss.ruleId;
  switch (miss.why) {
    case 'trigger':
      return isTrigger(miss.wants)
        ? t(MISSED_TRIGGER[miss.wants], { rule })
        : t('diagnostics.missOtherTrigger', { rule, trigger: miss.wants ?? '' });
    case 'direction':
      return miss.wants === 'outbound'
        ? t('diagnostics.missOutbound', { rule })
        : t('diagnostics.missInbound', { rule });
    case 'queue':
      return call?.queue
        ? t('diagnostics.missQueue', { rule, pattern: miss.wants ?? '', queue: call.queue })
        : t('diagnostics.missNoQueue', { rule, pattern: miss.wants ?? '' });
    case 'vendorPage':
      return t('diagnostics.missVendorPage', { rule });
  }
}

/** "4 more like it until 09:00:45": a run of events of one type kept as one record. */
export const repeatedText = (count: number, lastAt: number): string =>
  t('diagnostics.repeated', count, { count: formatNumber(count), last: formatTimestamp(lastAt) });

export const tooLargeText = (size: number): string =>
  t('diagnostics.tooLarge', size, { size: formatNumber(size) });

const STATUS = {
  waiting: 'diagnostics.statusWaiting',
  rejected: 'diagnostics.statusRejected',
  uncertain: 'diagnostics.statusUncertain',
} as const satisfies Record<OutboxEntry['status'], string>;

export const outboxStatusText = (status: OutboxEntry['status']): string => t(STATUS[status]);

const KIND = {
  dispose: 'diagnostics.kindDispose',
  scheduleCallback: 'diagnostics.kindScheduleCallback',
  rescheduleCallback: 'diagnostics.kindRescheduleCallback',
  cancelCallback: 'diagnostics.kindCancelCallback',
  setCallData: 'diagnostics.kindSetCallData',
} as const;

/** What an outbox item is (the writes the outbox queues); any other command as it is named. */
export const outboxKindText = (kind: string): string =>
  Object.hasOwn(KIND, kind) ? t(KIND[kind as keyof typeof KIND]) : kind;

const SOURCE = {
  policy: 'diagnostics.sourcePolicy',
  agent: 'diagnostics.sourceAgent',
  default: 'diagnostics.sourceDefault',
} as const satisfies Record<SettingSource['source'], string>;

export const sourceText = (source: SettingSource['source']): string => t(SOURCE[source]);

/** The note above the settings: how many of them policy sets. */
export const settingsHintText = (locked: number): string =>
  t('diagnostics.settingsHint', locked, { count: formatNumber(locked) });

const CONNECTION_NOW = {
  idle: 'diagnostics.nowIdle',
  connecting: 'diagnostics.nowConnecting',
  connected: 'diagnostics.nowConnected',
  reconnecting: 'diagnostics.nowReconnecting',
  failed: 'diagnostics.nowFailed',
} as const satisfies Record<Connection['status'], string>;

export const connectionNowText = (status: Connection['status']): string =>
  t(CONNECTION_NOW[status]);
