/**
 * Every message the background answers, in one handler map (utils/messaging.ts declares them).
 * The sender decides which messages it may send at all (senders.ts): extension pages the
 * `panel/*` ones, content scripts on web pages the `content/*` ones, nobody else anything.
 */
import type { Browser } from 'wxt/browser';
import type { Logger } from '../cti/adapter';
import type { Session } from '../cti/session';
import type { CallStore } from '../cti/store';
import type { VendorDescriptor } from '../cti/vendor';
import {
  parseContentMessage,
  parsePanelMessage,
  type CheckedContentMessage,
  type CheckedPanelMessage,
} from '../message-checks';
import { fail, ok, type DiagnosticsReport, type PanelState, type Reply } from '../messaging';
import type { ResolvedSettings } from '../settings/policy';
import type { Settings } from '../settings/schema';
import { patchProblem } from '../storage/user-settings';
import type { AgentTools } from './agent-tools';
import type { Commands } from './commands';
import type { Outbox } from './outbox';
import { toContentConfig } from './content-config';
import type { DialConfirmations } from './dial-confirmations';
import { senderSite } from './dial-gate';
import { acceptPageEvent } from './page-events';
import { POP_OUT_TEXT, type PopOut } from './pop-out';
import { classifySender } from './senders';
import type { SignIn } from './sign-in';
import { t } from '../i18n/runtime';

type Sender = Browser.runtime.MessageSender;
type Handlers<M extends { type: string }> = {
  [T in M['type']]: (
    message: Extract<M, { type: T }>,
    sender: Sender,
  ) => Reply<unknown> | Promise<Reply<unknown>>;
};

export interface HandlerDeps {
  extension: { id: string; origin: string };
  panelState(): PanelState;
  signIn: SignIn;
  commands: Commands;
  store: CallStore;
  session(): Session;
  vendor(): VendorDescriptor;
  settings(): Settings;
  outbox: Outbox;
  /** The background's settings storage (utils/storage/user-settings.ts): only it writes. */
  settingsStorage: {
    load(): Promise<ResolvedSettings>;
    save(patch: Record<string, unknown>): Promise<ResolvedSettings>;
  };
  confirmations: DialConfirmations;
  /** The directory and the merged history (agent-tools.ts). */
  agentTools: AgentTools;
  /** What the diagnostics page shows (diagnostics-report.ts). */
  diagnostics(): Promise<DiagnosticsReport>;
  log: Logger;
  /** The panel's own window (pop-out.ts); absent where the browser cannot open one. */
  popOut?: Pick<PopOut, 'open'>;
}

/** Runs an outbox action; its failure (the item went meanwhile) is the agent's to read. */
async function outboxAction(action: () => Promise<void>): Promise<Reply<unknown>> {
  try {
    await action();
    return ok(undefined);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

export type MessageHandler = (message: unknown, sender: Sender) => Promise<Reply<unknown>>;

export function createMessageHandler(deps: HandlerDeps): MessageHandler {
  const panel: Handlers<CheckedPanelMessage> = {
    'panel/getState': () => ok(deps.panelState()),
    'panel/signIn': (msg) => deps.signIn.signIn(msg),
    'panel/signOut': () => deps.signIn.signOut(),
    'panel/command': (msg) => deps.commands.run(msg.command),
    'panel/dismissNotice': (msg) => {
      deps.store.dismissNotice(msg.id);
      return ok(undefined);
    },
    'panel/popRecord': (msg) => deps.commands.popRecord(msg.callId),
    'panel/outbox': ({ key, action }) =>
      outboxAction(() => (action === 'retry' ? deps.outbox.retry(key) : deps.outbox.discard(key))),
    'panel/outboxEdit': ({ key, code, notes, callbackAt }) =>
      deps.commands.editQueued(key, {
        code,
        notes,
        ...(callbackAt !== undefined ? { callbackAt } : {}),
      }),
    'panel/confirmDial': (msg) => deps.confirmations.answer(msg.id, msg.call),
    'panel/directory': async ({ term }) => ok(await deps.agentTools.directory(term)),
    'panel/history': async () => ok(await deps.agentTools.history()),
    'panel/popOut': ({ screen }) =>
      deps.popOut ? deps.popOut.open(screen) : fail(POP_OUT_TEXT.unavailable()),
    'panel/getSettings': async () => ok(await deps.settingsStorage.load()),
    'panel/diagnostics': async () => ok(await deps.diagnostics()),
    'panel/saveSettings': async ({ patch }) => {
      // Checked here, not only by the options page: the background is the authority.
      const problem = patchProblem(patch);
      if (problem) return fail(t('handlers.notSaved', { problem }));
      try {
        return ok(await deps.settingsStorage.save(patch));
      } catch (error) {
        deps.log.error('settings not saved', error);
        const reason = error instanceof Error ? error.message : String(error);
        return fail(t('handlers.saveFailed', { reason }));
      }
    },
  };

  const content: Handlers<CheckedContentMessage> = {
    'content/dial': ({ e164, extension }, sender) =>
      deps.commands.dial(extension ? { e164, extension } : { e164 }, senderSite(sender)),
    // Read-only for the frame: what it needs, never anything it could write back.
    'content/config': () => ok(toContentConfig(deps.settings())),
    // An event from the vendor's own page (page-events.ts): reported, never a command.
    'content/portalEvent': (msg, sender) => {
      const vendor = deps.vendor();
      const connection = (deps.settings().connection as Record<string, unknown>)[vendor.id];
      const source = acceptPageEvent(vendor, connection, sender, msg.payload);
      if (!source) {
        deps.log.warn('page event from a page that is not the vendor’s dropped');
        return fail(t('handlers.notAllowed'));
      }
      return deps.session().deliver(source, msg.payload)
        ? ok(undefined)
        : fail(t('handlers.notConnected'));
    },
  };

  function dispatch<M extends { type: string }>(handlers: Handlers<M>, msg: M, sender: Sender) {
    const handler = handlers[msg.type as M['type']] as (
      m: M,
      s: Sender,
    ) => ReturnType<Handlers<M>[M['type']]>;
    return handler(msg, sender);
  }

  return async (message, sender) => {
    const kind = classifySender(sender, deps.extension);
    if (kind === 'extensionPage') {
      const parsed = parsePanelMessage(message);
      return parsed.success ? dispatch(panel, parsed.data, sender) : fail(t('handlers.invalid'));
    }
    if (kind === 'contentScript') {
      const parsed = parseContentMessage(message);
      return parsed.success ? dispatch(content, parsed.data, sender) : fail(t('handlers.invalid'));
    }
    // Our own content script in a frame without an origin the browser reports (Firefox's
    // about:blank frames) may read its config, which is no secret, and ask nothing else.
    if (sender.id === deps.extension.id && sender.tab && isConfigRequest(message)) {
      return ok(toContentConfig(deps.settings()));
    }
    deps.log.warn('message from an unknown sender dropped');
    return fail(t('handlers.notAllowed'));
  };
}

/** `content/config`, the one request that needs nothing but the settings. */
export const isConfigRequest = (message: unknown): boolean =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === 'content/config';
