/**
 * What the side panel's agent tools show (features.ts): which sections exist for the signed-in
 * vendor, and the wording of their figures. Pure, so that "no control the vendor cannot perform"
 * and the wording are tested in one place.
 */
import type {
  AgentStat,
  CallbackItem,
  DirectoryEntry,
  DirectoryStatus,
  ForwardKind,
  VendorAction,
} from '../cti/features';
import type { Call, Command, CommandInput, CommandType } from '../cti/model';
import { formatDuration, formatNumber, formatPercent, formatWhen } from '../i18n/format';
import { t } from '../i18n/runtime';
import type { PanelState } from '../messaging';

export { formatWhen } from '../i18n/format';

export type PanelTab = 'calls' | 'queues' | 'directory' | 'callbacks' | 'history' | 'more';

const TAB_TEXT = {
  calls: 'tabs.calls',
  queues: 'tabs.queues',
  directory: 'tabs.directory',
  callbacks: 'tabs.callbacks',
  history: 'tabs.history',
  more: 'tabs.more',
} as const satisfies Record<PanelTab, string>;
export const tabText = (tab: PanelTab): string => t(TAB_TEXT[tab]);

type Pick2 = Pick<PanelState, 'features' | 'commands'>;

const hasCommand = (state: Pick<PanelState, 'commands'>, ...types: CommandType[]) =>
  types.some((t) => state.commands.includes(t));

/** Something to search: the vendor's directory or favourites, or the admin's speed dial. */
export const hasDirectory = (state: Pick2 & Pick<PanelState, 'hasSpeedDial'>): boolean =>
  state.features.includes('directory') ||
  state.features.includes('favorites') ||
  state.hasSpeedDial === true;

/** The vendor's own actions offered outside any call (the "More" section). */
export const agentActions = (state: Pick<PanelState, 'agentTools'>): VendorAction[] =>
  state.agentTools.vendorActions.filter((a) => a.callId === undefined);

/** The states a call-scoped action is offered in when it names none: any live state. */
const LIVE_STATES: readonly Call['state'][] = [
  'ringing',
  'dialing',
  'connected',
  'held',
  'transferring',
];

/** The vendor's own actions on this call's card, in its current state. */
export function callActions(actions: readonly VendorAction[], call: Call): VendorAction[] {
  return actions.filter(
    (a) => a.callId === call.id && (a.states ?? LIVE_STATES).includes(call.state),
  );
}

/** What a call's card offers beyond `call.actions`. */
export interface CallExtras {
  /** Attach call data to this call (`setCallData`). */
  canSetData: boolean;
  /** The vendor's own actions on this call in its current state. */
  actions: readonly VendorAction[];
  /** The transfer form can search the directory. */
  directory: boolean;
  /** Show the vendor's call data on the card (feature `callData`). */
  showData: boolean;
}

export const NO_EXTRAS: CallExtras = {
  canSetData: false,
  actions: [],
  directory: false,
  showData: false,
};

export function callExtras(state: PanelState, call: Call): CallExtras {
  return {
    // The store offers it on every live call of a vendor that has it (cti/actions.ts).
    canSetData: call.actions.includes('setCallData'),
    actions: callActions(state.agentTools.vendorActions, call),
    directory: hasDirectory(state),
    showData: state.features.includes('callData'),
  };
}

/** The "More" section has something: presence extras, the agent's figures or vendor actions. */
export function hasMore(state: PanelState): boolean {
  const f = state.features;
  return (
    f.includes('presence') ||
    f.includes('voicemail') ||
    f.includes('agentStats') ||
    hasCommand(state, 'setDnd', 'setForward') ||
    agentActions(state).length > 0
  );
}

/** The side panel's sections for the signed-in vendor, in display order; Calls always. */
export function panelTabs(state: PanelState): PanelTab[] {
  const f = state.features;
  const tabs: PanelTab[] = ['calls'];
  if (f.includes('queues') || f.includes('queueStats')) tabs.push('queues');
  // A directory entry is something to call or to transfer to.
  if (hasDirectory(state) && hasCommand(state, 'dial', 'blindTransfer', 'attendedTransfer'))
    tabs.push('directory');
  if (f.includes('callbacks') || hasCommand(state, 'scheduleCallback')) tabs.push('callbacks');
  // The platform's records, or this browser's own calls to search and export.
  if (f.includes('history') || state.recent.length > 0) tabs.push('history');
  if (hasMore(state)) tabs.push('more');
  return tabs;
}

/** The call a directory entry can be transferred to: the first live one that allows a transfer. */
export const transferableCall = (calls: readonly Call[]): Call | undefined =>
  calls.find(
    (c) =>
      c.state !== 'ended' &&
      (c.actions.includes('blindTransfer') || c.actions.includes('attendedTransfer')),
  );

/**
 * A directory number as a dial or transfer target: the usual separators dropped ("+33 1 23-45"
 * → "+33123", "(555) 010" → "555010"). What is not a number stays as it is (a SIP address), for
 * the command's own check to refuse with its message.
 */
export function dialableNumber(number: string): string {
  const stripped = number.replace(/[\s().\-/]/g, '');
  return /^\+?[0-9*#]+$/.test(stripped) ? stripped : number.trim();
}

/** The entry's main number, ready to dial; undefined when it has none. */
export const mainNumber = (entry: Pick<DirectoryEntry, 'numbers'>): string | undefined => {
  const first = entry.numbers[0]?.number;
  return first ? dialableNumber(first) : undefined;
};

const STATUS_TEXT = {
  available: 'directoryTab.available',
  busy: 'directoryTab.busy',
  away: 'directoryTab.away',
  offline: 'directoryTab.offline',
  unknown: 'directoryTab.statusUnknown',
} as const satisfies Record<DirectoryStatus, string>;
export const directoryStatusText = (status: DirectoryStatus): string => t(STATUS_TEXT[status]);

const OWNER_TEXT = {
  mine: 'callbacks.mine',
  open: 'callbacks.open',
  taken: 'callbacks.taken',
} as const satisfies Record<CallbackItem['owner'], string>;
export const callbackOwnerText = (owner: CallbackItem['owner']): string => t(OWNER_TEXT[owner]);

export const FORWARD_KINDS: readonly ForwardKind[] = ['unconditional', 'noAnswer', 'busy'];
const FORWARD_TEXT = {
  unconditional: 'presence.forwardAll',
  noAnswer: 'presence.forwardNoAnswer',
  busy: 'presence.forwardBusy',
} as const satisfies Record<ForwardKind, string>;
export const forwardKindText = (kind: ForwardKind): string => t(FORWARD_TEXT[kind]);

/**
 * One of the agent's figures as read, in the interface's locale: a count as is (one decimal at
 * most), seconds as a duration ("4:05"), a percent rounded ("87%"), a time (epoch ms) as the time
 * of day.
 */
export function formatStat(stat: Pick<AgentStat, 'value' | 'unit'>, now = Date.now()): string {
  switch (stat.unit) {
    case 'seconds':
      return formatDuration(stat.value * 1000);
    case 'percent':
      return formatPercent(stat.value);
    case 'time':
      return formatWhen(stat.value, now);
    case 'count':
      return formatNumber(stat.value, { maximumFractionDigits: 1 });
  }
}

let loading: Promise<typeof import('../cti/model')> | undefined;

/**
 * Loads the model's zod schemas, which `commandOrProblem` checks with. They cost a page more than
 * half its first paint (docs/benchmarks.md, `panel`), and no view needs them before the agent
 * sends something: the panel loads them once it has painted, and a check waits for them if it
 * comes first.
 */
export function loadCommandCheck(): Promise<typeof import('../cti/model')> {
  loading ??= import('../cti/model');
  return loading;
}

/**
 * The command as the model checks it, or the first reason it fails, in the agent's words: a
 * clear message next to the field beats a generic rejection from the background.
 */
export async function commandOrProblem(input: CommandInput): Promise<Command | string> {
  const { Command } = await loadCommandCheck();
  const parsed = Command.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return issue ? problemText(issue) : t('agentTools.checkValues');
}

/**
 * What is wrong, in the agent's words: by the field the issue is about (the schemas' own
 * messages are English, for logs and tests of the model).
 */
function problemText(issue: ZodIssue): string {
  switch (issue.path[0]) {
    case 'target':
      return t('agentTools.target');
    case 'digits':
      return t('agentTools.digits');
    case 'extension':
      return t('agentTools.extension');
    case 'data':
    case 'variables':
    case 'values':
      if (issue.code === 'invalid_key') return t('agentTools.dataKey');
      return issue.code === 'custom' ? t('agentTools.dataCount') : t('agentTools.dataValue');
    case 'at':
    case 'until':
    case 'callbackAt':
      return t('agentTools.time');
    case 'number':
      return issue.code === 'too_big' ? t('agentTools.tooLong') : t('agentTools.number');
  }
  return issue.code === 'too_big' ? t('agentTools.tooLong') : t('agentTools.checkValues');
}

type ZodIssue = { code: string; path: PropertyKey[] };

/** A vendor's id as part of an element id: only characters an id reference can hold. */
export const safeId = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, '_');
