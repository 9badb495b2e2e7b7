/**
 * Keyboard commands for the call in hand (manifest `commands`, wxt.config.ts; docs/keyboard.md):
 * answer, hang up or decline, hold or resume, and open the side panel. The browser alone reports
 * its shortcuts (`commands.onCommand`), so a page cannot raise them (see dial-command.ts).
 *
 * Each acts on the right call: Answer on the ringing one, the others on the call the agent is in.
 * It acts only when the vendor can do it at all (its capabilities) and the call allows it now (the
 * call's `actions`, what the panel shows as buttons); otherwise a notification says why, and so
 * does a command the vendor refused.
 */
import type { Browser } from 'wxt/browser';
import type { Capabilities } from '../cti/adapter';
import type { Call, Command, CommandType, Connection } from '../cti/model';
import { t } from '../i18n/runtime';
import type { Reply } from '../messaging';

/** What a call key does. */
export type CallKey = 'answer' | 'hangup' | 'holdResume';

/** The manifest's command names (wxt.config.ts), and what each does. */
export const CALL_KEY_COMMANDS: Readonly<Record<string, CallKey>> = {
  'answer-call': 'answer',
  'hang-up': 'hangup',
  'hold-resume': 'holdResume',
};
/**
 * Chrome's and Edge's "open the side panel" command. Firefox declares the built-in
 * `_execute_sidebar_action` instead, which the browser carries out itself.
 */
export const OPEN_PANEL_COMMAND = 'open-panel';

type KeyCommand = Extract<CommandType, 'answer' | 'hangup' | 'hold' | 'resume'>;

/** Each key's messages (locales/en.yml `callKeys`): the notification's title, and no call. */
const KEY_MESSAGES = {
  answer: { title: 'callKeys.title.answer', none: 'callKeys.none.answer' },
  hangup: { title: 'callKeys.title.hangup', none: 'callKeys.none.hangup' },
  holdResume: { title: 'callKeys.title.holdResume', none: 'callKeys.none.holdResume' },
} as const satisfies Record<CallKey, { title: string; none: string }>;
/** Each command's messages: the vendor cannot do it at all, the call does not allow it now. */
const COMMAND_MESSAGES = {
  answer: { unsupported: 'callKeys.unsupported.answer', notNow: 'callKeys.notNow.answer' },
  hangup: { unsupported: 'callKeys.unsupported.hangup', notNow: 'callKeys.notNow.hangup' },
  hold: { unsupported: 'callKeys.unsupported.hold', notNow: 'callKeys.notNow.hold' },
  resume: { unsupported: 'callKeys.unsupported.resume', notNow: 'callKeys.notNow.resume' },
} as const satisfies Record<KeyCommand, { unsupported: string; notNow: string }>;

/**
 * Every sentence the keyboard commands may show, in the interface's language at the moment it is
 * said (the agent may change it between two presses).
 */
export const KEY_TEXT = {
  /** The notification's title: what did not happen. */
  title: (about: CallKey | 'panel') =>
    about === 'panel' ? t('callKeys.title.panel') : t(KEY_MESSAGES[about].title),
  signedOut: () => t('callKeys.signedOut'),
  offline: () => t('callKeys.offline'),
  /** No call fits the key. */
  none: (key: CallKey) => t(KEY_MESSAGES[key].none),
  /** The vendor cannot do it at all. */
  unsupported: (command: KeyCommand, vendor: string) =>
    t(COMMAND_MESSAGES[command].unsupported, { vendor }),
  /** The call does not allow it now. */
  notNow: (command: KeyCommand) => t(COMMAND_MESSAGES[command].notNow),
  noWindow: () => t('callKeys.noWindow'),
  panelFailed: (reason: string) => t('callKeys.panelFailed', { reason }),
  unexpected: () => t('callKeys.unexpected'),
};

/** The call the agent is in, for hang up: talking first, then a ringing one (decline), then held. */
const HANGUP_ORDER: readonly Call['state'][] = [
  'connected',
  'transferring',
  'dialing',
  'ringing',
  'held',
];

/** The call a key acts on and the command it sends, or undefined when no call fits. */
export function keyTarget(
  key: CallKey,
  calls: readonly Call[],
): { call: Call; command: KeyCommand } | undefined {
  const inState = (state: Call['state']) => calls.find((c) => c.state === state);
  if (key === 'answer') {
    const call = calls.find((c) => c.direction === 'inbound' && c.state === 'ringing');
    return call && { call, command: 'answer' };
  }
  if (key === 'hangup') {
    const call = HANGUP_ORDER.map(inState).find((c) => c !== undefined);
    return call && { call, command: 'hangup' };
  }
  const talking = inState('connected');
  if (talking) return { call: talking, command: 'hold' };
  const held = inState('held');
  return held && { call: held, command: 'resume' };
}

export interface CallKeyDeps {
  state(): { connection: Connection; calls: readonly Call[] };
  capabilities(): Capabilities;
  vendorLabel(): string;
  /** The background's commands (commands.ts `run`): the same path as the panel's buttons. */
  run(command: Command): Promise<Reply<unknown>>;
}

/** What a key's command would be now: the command, or the sentence that says why there is none. */
export function keyCommand(key: CallKey, deps: Omit<CallKeyDeps, 'run'>): Command | string {
  const { connection, calls } = deps.state();
  if (connection.status === 'connecting' || connection.status === 'reconnecting')
    return KEY_TEXT.offline();
  if (connection.status !== 'connected') return KEY_TEXT.signedOut();
  const vendor = deps.vendorLabel();
  const can = deps.capabilities().commands;
  // A vendor that cannot do it at all is said first: the key will never work with it.
  if (key === 'answer' && !can.has('answer')) return KEY_TEXT.unsupported('answer', vendor);
  if (key === 'hangup' && !can.has('hangup')) return KEY_TEXT.unsupported('hangup', vendor);
  if (key === 'holdResume' && !can.has('hold') && !can.has('resume'))
    return KEY_TEXT.unsupported('hold', vendor);
  const target = keyTarget(key, calls);
  if (!target) return KEY_TEXT.none(key);
  const { call, command } = target;
  if (!can.has(command)) return KEY_TEXT.unsupported(command, vendor);
  if (!call.actions.includes(command)) return KEY_TEXT.notNow(command);
  return { type: command, callId: call.id };
}

/** Carries out a key: undefined when done, else the sentence that says why not. */
export async function runCallKey(key: CallKey, deps: CallKeyDeps): Promise<string | undefined> {
  const command = keyCommand(key, deps);
  if (typeof command === 'string') return command;
  const reply = await deps.run(command);
  return reply.ok ? undefined : reply.error;
}

export interface KeyboardCommandsDeps {
  /** BackgroundApp.callKey: runCallKey once the background is ready. */
  callKey(key: CallKey): Promise<string | undefined>;
  /**
   * Opens the side panel in this window (`sidePanel.open`), undefined where the browser does it
   * itself (Firefox's `_execute_sidebar_action`). It must be called within the command's event:
   * Chrome allows `sidePanel.open` only in answer to a user gesture, and an await loses it.
   */
  openSidePanel?(windowId: number): Promise<void>;
  /** A notification: what did not happen, and why. */
  notify(title: string, message: string): void;
  log(message: string, error: unknown): void;
}

export function createKeyboardCommands(deps: KeyboardCommandsDeps) {
  function openPanel(tab: Browser.tabs.Tab | undefined): void {
    if (!deps.openSidePanel) return;
    if (tab?.windowId === undefined)
      return deps.notify(KEY_TEXT.title('panel'), KEY_TEXT.noWindow());
    deps.openSidePanel(tab.windowId).catch((error: unknown) => {
      deps.log('side panel not opened', error);
      const reason = error instanceof Error ? error.message : String(error);
      deps.notify(KEY_TEXT.title('panel'), KEY_TEXT.panelFailed(reason));
    });
  }

  return {
    onCommand(command: string, tab?: Browser.tabs.Tab): void {
      if (command === OPEN_PANEL_COMMAND) return openPanel(tab);
      if (!Object.hasOwn(CALL_KEY_COMMANDS, command)) return;
      const key = CALL_KEY_COMMANDS[command]!;
      deps.callKey(key).then(
        (refused) => refused && deps.notify(KEY_TEXT.title(key), refused),
        (error: unknown) => {
          deps.log(`${command} command failed`, error);
          deps.notify(KEY_TEXT.title(key), KEY_TEXT.unexpected());
        },
      );
    },
  };
}
