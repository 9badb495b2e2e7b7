/**
 * Screen-pop: opens the matching CRM page for a call, exactly once per call and rule
 * (DESIGN.md "Screen-pop"). The worker can stop at any moment and the vendor repeats itself
 * (a second ringing event, a resync after a reconnect), so "once" is not kept in memory: the pop
 * key is claimed in IndexedDB before the tab opens, and only the first claim ever opens a tab.
 * A crash between the claim and the tab costs one pop rather than risking two.
 */
import type { Call } from '../cti/model';
import type { ScreenPopRule, Settings } from '../settings/schema';
import { matchRule, type PopTrigger } from './rules';
import { renderPopUrl } from './template';

/** What the call store reports for each change (utils/cti/store.ts `CallTransition`). */
export interface PopTransition {
  call: Call;
  previous?: Call;
}

export type PopOutcome =
  | 'popped'
  | 'noRule'
  | 'alreadyPopped'
  | 'badTemplate'
  | 'openFailed'
  | 'ended'
  /** Something else failed (the claim could not be stored…): nothing opened. */
  | 'error';

/** One screen-pop decision, kept for diagnostics. Holds no URL: it would carry the caller's number. */
export interface PopDecision {
  at: number;
  callId: string;
  outcome: PopOutcome;
  trigger?: PopTrigger;
  ruleId?: string;
  key?: string;
  /** Where the tab went (`popped`), or why nothing opened. */
  detail?: string;
}

export interface ScreenPopDeps {
  getSettings: () => Settings;
  popped: { claim(key: string): Promise<boolean> };
  openTab: (url: string, target: ScreenPopRule['target']) => Promise<void>;
  /**
   * Every decision; `url` is the rendered URL of a `popped` or `openFailed` one, beside the
   * decision and never in it, for the diagnostics journal that lives in memory only.
   */
  log: (decision: PopDecision, url?: string) => void;
  now?: () => number;
}

export interface ScreenPop {
  onTransitions(transitions: readonly PopTransition[]): Promise<void>;
  /** The agent asked to pop this call (panel button): `manual` rules, every time, no claim. */
  popManually(call: Call): Promise<PopDecision>;
}

const ANSWERED_STATES: ReadonlySet<Call['state']> = new Set(['connected', 'held', 'transferring']);

/**
 * The automatic triggers that apply to a transition, in the order they happen on a phone.
 * `ringing` applies while the call is still being set up (a second ringing event lands here and
 * fails its claim) and when the call is first seen already live, because after a restart or a
 * missed event the ringing pop may never have happened.
 */
export function triggersFor({ call, previous }: PopTransition): PopTrigger[] {
  if (call.state === 'ended') return [];
  const triggers: PopTrigger[] = [];
  if (call.state === 'ringing' || call.state === 'dialing' || previous === undefined) {
    triggers.push('ringing');
  }
  if (ANSWERED_STATES.has(call.state) || call.answeredAt !== undefined) triggers.push('answered');
  return triggers;
}

export function popKey(call: Call, ruleId: string, trigger: PopTrigger): string {
  // groupId spans the legs of a transferred call, so a transfer to a colleague does not pop again.
  return `${call.groupId ?? call.id}|${ruleId}|${trigger}`;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createScreenPop(deps: ScreenPopDeps): ScreenPop {
  const now = deps.now ?? Date.now;

  function report(decision: Omit<PopDecision, 'at'>, url?: string): PopDecision {
    const full = { at: now(), ...decision };
    try {
      deps.log(full, url);
    } catch {
      // Diagnostics must never stop a pop or the store's listener.
    }
    return full;
  }

  /** Render and open; `base` says which call, rule and trigger this is for. */
  async function open(
    call: Call,
    rule: ScreenPopRule,
    base: Omit<PopDecision, 'at' | 'outcome'>,
  ): Promise<PopDecision> {
    const settings = deps.getSettings();
    const rendered = renderPopUrl(rule.url, call, {
      defaultCountry: settings.clickToDial.defaultCountry,
      allowedOrigins: settings.screenPop.allowedOrigins,
    });
    if (!rendered.ok) return report({ ...base, outcome: 'badTemplate', detail: rendered.reason });
    try {
      await deps.openTab(rendered.url, rule.target);
    } catch (error) {
      return report({ ...base, outcome: 'openFailed', detail: message(error) }, rendered.url);
    }
    return report(
      { ...base, outcome: 'popped', detail: new URL(rendered.url).origin },
      rendered.url,
    );
  }

  async function consider(call: Call, trigger: PopTrigger): Promise<void> {
    const rule = matchRule(deps.getSettings().screenPop.rules, call, trigger);
    if (!rule) {
      report({ callId: call.id, trigger, outcome: 'noRule' });
      return;
    }
    const key = popKey(call, rule.id, trigger);
    const base = { callId: call.id, trigger, ruleId: rule.id, key };
    let claimed: boolean;
    try {
      claimed = await deps.popped.claim(key);
    } catch (error) {
      // Without a record of the claim we cannot promise "once", so we do not pop.
      report({ ...base, outcome: 'error', detail: `Could not record the pop: ${message(error)}` });
      return;
    }
    if (!claimed) {
      report({ ...base, outcome: 'alreadyPopped' });
      return;
    }
    await open(call, rule, base);
  }

  return {
    async onTransitions(transitions) {
      for (const transition of transitions) {
        const { call } = transition;
        if (call.state === 'ended') {
          report({ callId: call.id, outcome: 'ended' });
          continue;
        }
        for (const trigger of triggersFor(transition)) {
          try {
            await consider(call, trigger);
          } catch (error) {
            // The store's listener must survive anything here (settings mid-reload, a bad rule).
            report({ callId: call.id, trigger, outcome: 'error', detail: message(error) });
          }
        }
      }
    },

    async popManually(call) {
      if (call.state === 'ended') return report({ callId: call.id, outcome: 'ended' });
      const rule = matchRule(deps.getSettings().screenPop.rules, call, 'manual');
      if (!rule) return report({ callId: call.id, trigger: 'manual', outcome: 'noRule' });
      return open(call, rule, { callId: call.id, trigger: 'manual', ruleId: rule.id });
    },
  };
}
