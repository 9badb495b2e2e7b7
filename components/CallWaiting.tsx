/**
 * Two calls in hand, one button to go from one to the other, where the vendor can hold:
 *
 * - one call talking and one on hold: "Swap" puts the first on hold, then resumes the other;
 * - one call talking and one ringing for the agent: "Hold and answer" puts the first on hold,
 *   then answers the other.
 *
 * Each is the calls' own commands in turn (`hold`, then `resume` or `answer`), offered only when
 * both calls allow them now (their `actions`, which follow the vendor's capabilities), so a vendor
 * that cannot hold shows neither. The second command goes only once the vendor took the first.
 */
import type { Call, CommandType } from '../utils/cti/model';
import type { PanelConnector } from '../utils/ui/connector';
import { isIncomingRinging, remoteNumber } from '../utils/ui/format';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import { t } from '../utils/i18n/runtime';

interface Switch {
  kind: 'swap' | 'holdAndAnswer';
  /** The call on hold after the switch. */
  active: Call;
  /** The call the agent talks to after it. */
  other: Call;
  /** What brings `other` in: resume it, or answer it. */
  command: Extract<CommandType, 'resume' | 'answer'>;
}

/** The switch the calls offer, if exactly one is talking and exactly one other waits. */
export function callSwitch(calls: readonly Call[]): Switch | undefined {
  const one = (match: (c: Call) => boolean) => {
    const found = calls.filter(match);
    return found.length === 1 ? found[0] : undefined;
  };
  const active = one((c) => c.state === 'connected');
  if (!active?.actions.includes('hold')) return undefined;
  const held = one((c) => c.state === 'held');
  if (held?.actions.includes('resume'))
    return { kind: 'swap', active, other: held, command: 'resume' };
  const ringing = one(isIncomingRinging);
  if (ringing?.actions.includes('answer') && !held)
    return { kind: 'holdAndAnswer', active, other: ringing, command: 'answer' };
  return undefined;
}

/** The caller as the agent knows them: the name, else the number. */
const who = (call: Call) => call.remote.name ?? remoteNumber(call.remote);

interface Props {
  calls: readonly Call[];
  connector: PanelConnector;
}

export function CallWaiting({ calls, connector }: Props) {
  const action = useAction(connector);
  const offer = callSwitch(calls);
  // Mounted whatever the calls, so that a failure of the second step stays in view after the
  // first one changed the calls.
  if (!offer) return <ErrorAlert message={action.error} />;
  const { kind, active, other, command } = offer;
  const hintId = 'sb-call-switch-hint';
  const run = async () => {
    const held = await action.run({
      type: 'panel/command',
      command: { type: 'hold', callId: active.id },
    });
    if (!held.ok) return;
    await action.run({ type: 'panel/command', command: { type: command, callId: other.id } });
  };
  const names = { active: who(active), other: who(other) };
  return (
    <div class="sb-call-switch" role="group" aria-label={t('callWaiting.group')}>
      <button
        type="button"
        class="sb-primary"
        disabled={action.pending}
        aria-describedby={hintId}
        onClick={() => void run()}
      >
        {kind === 'swap' ? t('callWaiting.swap') : t('callWaiting.holdAndAnswer')}
      </button>
      <p id={hintId} class="sb-muted">
        {kind === 'swap'
          ? t('callWaiting.swapHint', names)
          : t('callWaiting.holdAndAnswerHint', names)}
      </p>
      <ErrorAlert message={action.error} />
    </div>
  );
}
