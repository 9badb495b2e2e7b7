/**
 * What the agent asks the phone system to do, from the panel, a page or the browser's own UI:
 * commands pass the settings' rules here before the session carries them out. Dispositions are
 * kept with the call and in history; a dial's extension is keyed in once the call is answered;
 * "Open record" runs the `manual` screen-pop rule.
 */
import type { Capabilities, Clock } from '../cti/adapter';
import {
  checkCallbackAt,
  toCtiError,
  type Call,
  type CodeLabel,
  type Command,
  type Disposition,
} from '../cti/model';
import type { PostDial } from '../cti/post-dial';
import type { Session } from '../cti/session';
import type { CallStore, CallTransition } from '../cti/store';
import { fail, ok, type DialPending, type Reply } from '../messaging';
import type { DialSite, DialTarget } from '../phone/dial-policy';
import { isDialString } from '../phone/dial-input';
import { toE164ByLibphonenumber } from '../phone/format';
import type { PopDecision, ScreenPop } from '../screenpop/screen-pop';
import type { Settings } from '../settings/schema';
import { needsConfirmation, numberRefusal, siteRefusal } from './dial-gate';
import type { DialCommand, WaitingDial } from './dial-confirmations';
import type { Outbox } from './outbox';
import type { RecentCalls } from './recent-calls';
import { t } from '../i18n/runtime';

export interface CommandsDeps {
  session(): Session;
  store: CallStore;
  settings(): Settings;
  capabilities(): Capabilities;
  vendorLabel(): string;
  /** What the panel offers for wrap-up (panel-state.ts `offeredDispositions`). */
  dispositions(): { codes: CodeLabel[]; callback: boolean };
  recent: RecentCalls;
  /** Vendor writes that must not be lost (outbox.ts): dispositions for the vendor. */
  outbox: Outbox;
  /** The vendor's registry id: a queued write goes to that vendor only. */
  vendorId(): string;
  postDial: PostDial;
  screenPop: ScreenPop;
  broadcast(): void;
  clock: Clock;
  /** Puts a dial the agent must confirm first on the trusted surfaces (dial-confirmations.ts). */
  askToConfirm(
    command: DialCommand,
    e164: string,
    site: DialSite | undefined,
    from: string,
  ): Promise<Reply<DialPending>>;
}

export interface Commands {
  run(command: Command): Promise<Reply<unknown>>;
  /**
   * Click-to-dial from a page or the browser's own UI, judged by the site that asked: the same
   * gate as the panel's dials (dial-gate.ts), plus the site rules.
   */
  dial(target: DialTarget, site: DialSite): Promise<Reply<unknown>>;
  /** A dial the agent confirmed on a trusted surface: gated again, then carried out. */
  dialConfirmed(waiting: WaitingDial): Promise<Reply<unknown>>;
  /** "Open record": the `manual` screen-pop rule for a live call. */
  popRecord(callId: string): Promise<Reply<unknown>>;
  /** A corrected disposition for an outbox item (`panel/outboxEdit`), sent again. */
  editQueued(
    key: string,
    change: { code: string; notes: string; callbackAt?: number },
  ): Promise<Reply<unknown>>;
  /** What the call store reports (a dialled call's extension waits for its answer). */
  onTransitions(transitions: readonly CallTransition[]): void;
}

const POP_FAILURES: Partial<Record<PopDecision['outcome'], (detail: string) => string>> = {
  noRule: () => t('commands.noRule'),
  ended: () => t('commands.ended'),
  badTemplate: (detail) => t('commands.badTemplate', { detail }),
  openFailed: (detail) => t('commands.openFailed', { detail }),
  error: (detail) => t('commands.openFailed', { detail }),
};

/** What the call and history keep of a disposition the agent saved. */
function dispositionOf(
  code: CodeLabel,
  saved: { notes: string; callbackAt?: number | undefined },
  at: number,
): Disposition {
  return {
    code: code.code,
    label: code.label,
    notes: saved.notes,
    at,
    ...(saved.callbackAt !== undefined ? { callbackAt: saved.callbackAt } : {}),
  };
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Agent-feature writes that must not be lost (call data, callbacks scheduled or moved): like a
 * disposition they go through the outbox. Taking, releasing and starting a callback are the
 * agent's live actions: they run now or fail now.
 */
const QUEUED_WRITES: ReadonlySet<Command['type']> = new Set([
  'setCallData',
  'scheduleCallback',
  'rescheduleCallback',
  'cancelCallback',
]);

/** Where a dial came from, for the agent's confirmation: the requesting frame's host. */
function hostOf(site: DialSite): string {
  try {
    return new URL(site.frameUrl).host || t('dialConfirm.fromPage');
  } catch {
    return t('dialConfirm.fromPage');
  }
}

/** The agent corrects a disposition the outbox still holds: checked as a new one, then sent again. */
async function editQueued(
  deps: CommandsDeps,
  key: string,
  change: { code: string; notes: string; callbackAt?: number },
): Promise<Reply<unknown>> {
  const item = deps.outbox.items.find((i) => i.key === key);
  if (item?.command.type !== 'dispose') return fail(t('commands.alreadySent'));
  const offered = deps.dispositions();
  const code = offered.codes.find((c) => c.code === change.code);
  if (!code || item.vendor !== deps.vendorId()) return fail(t('commands.chooseCode'));
  if (change.callbackAt !== undefined && !offered.callback)
    return fail(t('commands.noCallbackScheduling', { vendor: deps.vendorLabel() }));
  try {
    checkCallbackAt(change.callbackAt, deps.clock.now());
    const { type, callId } = item.command;
    await deps.outbox.edit(key, {
      type,
      callId,
      code: code.code,
      notes: change.notes,
      ...(change.callbackAt !== undefined ? { callbackAt: change.callbackAt } : {}),
    });
  } catch (error) {
    return fail(toCtiError(error).message);
  }
  const disposition = dispositionOf(code, change, deps.clock.now());
  await deps.recent.setDisposition(item.command.callId, disposition);
  deps.broadcast();
  return ok(undefined);
}

/** A write for the outbox (`QUEUED_WRITES`): checked now, sent now or later. */
async function queuedWrite(deps: CommandsDeps, cmd: Command): Promise<Reply<unknown>> {
  const { store } = deps;
  if (!deps.capabilities().commands.has(cmd.type))
    return fail(t('commands.notOffered', { vendor: deps.vendorLabel() }));
  const call =
    'callId' in cmd && cmd.callId !== undefined
      ? store.getState().calls.find((c) => c.id === cmd.callId)
      : undefined;
  if ('callId' in cmd && !call) return fail(t('commands.noLongerActive'));
  if ('at' in cmd) {
    try {
      checkCallbackAt(cmd.at, deps.clock.now());
    } catch (error) {
      return fail(toCtiError(error).message);
    }
  }
  const outcome = await deps.outbox.submit(deps.vendorId(), cmd, call);
  if (outcome.status === 'rejected') return fail(outcome.reason);
  if (outcome.status === 'failed') return fail(t('commands.notKept', { reason: outcome.reason }));
  return ok(undefined);
}

export function createCommands(deps: CommandsDeps): Commands {
  const { store } = deps;

  const awaitingDisposition = (): Call | undefined =>
    store.getState().calls.find((c) => c.state === 'ended' && c.actions.includes('dispose'));

  async function execute(command: Command): Promise<Reply<unknown>> {
    try {
      await deps.session().execute(command);
      return ok(undefined);
    } catch (error) {
      return fail(toCtiError(error).message);
    }
  }

  /**
   * The vendor's copy of a disposition goes through the outbox: sent now when it can be, kept and
   * sent later when the vendor cannot be reached. A refusal, or a write neither sent nor kept, is
   * the agent's to see: the call stays waiting for its disposition.
   */
  async function toVendor(cmd: Extract<Command, { type: 'dispose' }>) {
    const call = store.getState().calls.find((c) => c.id === cmd.callId);
    if (call?.state !== 'ended') return execute(cmd).then((r) => (r.ok ? undefined : r));
    const outcome = await deps.outbox.submit(deps.vendorId(), cmd, call);
    if (outcome.status === 'rejected') return fail(outcome.reason);
    if (outcome.status === 'failed') {
      return fail(t('commands.dispositionNotKept', { reason: outcome.reason }));
    }
    return undefined;
  }

  async function dispose(cmd: Extract<Command, { type: 'dispose' }>): Promise<Reply<unknown>> {
    const offered = deps.dispositions();
    const code = offered.codes.find((c) => c.code === cmd.code);
    if (!code) return fail(t('commands.chooseCode'));
    // A stale panel or a made-up id must not be told "saved" when nothing was.
    if (!store.getState().calls.some((c) => c.id === cmd.callId))
      return fail(t('commands.noLongerWaiting'));
    if (cmd.callbackAt !== undefined && !offered.callback)
      return fail(t('commands.noCallbackScheduling', { vendor: deps.vendorLabel() }));
    try {
      checkCallbackAt(cmd.callbackAt, deps.clock.now());
    } catch (error) {
      return fail(toCtiError(error).message);
    }
    if (deps.capabilities().dispositions === 'vendor') {
      const refused = await toVendor(cmd);
      if (refused) return refused;
    }
    const disposition = dispositionOf(code, cmd, deps.clock.now());
    store.setDisposition(cmd.callId, disposition);
    await deps.recent.setDisposition(cmd.callId, disposition);
    deps.broadcast();
    return ok(undefined);
  }

  /**
   * Every dial passes here, whatever asked (DESIGN.md "Security rules"): the site rules for a
   * page or the browser's UI, the blocked prefixes, and `confirmInternational`, which only a
   * trusted surface answers. A number that is no public number (an internal extension, a short
   * code) has no country and no prefix to judge.
   */
  async function gateDial(
    cmd: DialCommand,
    site: DialSite | undefined,
    from: string,
    confirmed: boolean,
  ): Promise<Reply<unknown>> {
    const click = deps.settings().clickToDial;
    const e164 = E164.test(cmd.number)
      ? cmd.number
      : toE164ByLibphonenumber(cmd.number, click.defaultCountry);
    // Site first: a page where click-to-dial does not run learns nothing about the number.
    const refused =
      (site ? siteRefusal(click, site) : undefined) ?? (e164 && numberRefusal(click, e164));
    if (refused) return fail(refused);
    if (!confirmed && e164 && needsConfirmation(click, e164))
      return deps.askToConfirm(cmd, e164, site, from);
    return execute(cmd).then((reply) => {
      if (reply.ok) {
        const target = { e164: cmd.number, ...(cmd.extension ? { extension: cmd.extension } : {}) };
        deps.postDial.dialled(target, deps.capabilities().commands.has('sendDtmf'));
      }
      return reply;
    });
  }

  async function run(cmd: Command): Promise<Reply<unknown>> {
    const readyBlocked =
      cmd.type === 'setAgentState' &&
      cmd.state === 'ready' &&
      deps.settings().dispositions.required &&
      awaitingDisposition();
    if (readyBlocked) return fail(t('commands.readyBlocked'));
    if (cmd.type === 'dispose') return dispose(cmd);
    if (QUEUED_WRITES.has(cmd.type)) return queuedWrite(deps, cmd);
    // The panel's dial box, its call-backs from history and its directory. The dial box judges
    // what the agent typed more finely (utils/phone/dial-input.ts); here only what no phone can
    // dial is refused, whatever sent it.
    if (cmd.type === 'dial') {
      if (!isDialString(cmd.number)) return fail(t('dialInput.characters'));
      return gateDial(cmd, undefined, t('dialConfirm.fromPanel'), false);
    }
    return execute(cmd);
  }

  return {
    run,
    editQueued: (key, change) => editQueued(deps, key, change),
    onTransitions: (transitions) => deps.postDial.onTransitions(transitions),

    async dial(target, site) {
      const { e164, extension } = target;
      const command: DialCommand = {
        type: 'dial',
        number: e164,
        ...(extension ? { extension } : {}),
      };
      return gateDial(command, site, hostOf(site), false);
    },

    dialConfirmed: (waiting) => gateDial(waiting.command, waiting.site, waiting.from, true),

    async popRecord(callId) {
      const call = store.getState().calls.find((c) => c.id === callId);
      if (!call) return fail(t('commands.ended'));
      const decision = await deps.screenPop.popManually(call);
      const failure = POP_FAILURES[decision.outcome];
      return failure ? fail(failure(decision.detail ?? '')) : ok(undefined);
    },
  };
}
