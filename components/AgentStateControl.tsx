/**
 * The agent's availability: where the agent is now and for how long, as a chip ("Ready · 2:05"),
 * then the states the agent can change to (Ready, Not ready with the pause reasons on offer: the
 * vendor's, or the admin's list for a vendor that lists none; Log out), limited to the states the
 * vendor lets the agent choose, never the one the agent is already in. Not ready again with
 * another reason is "Change reason". Each word is on screen once.
 */
import { useState } from 'preact/hooks';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { agentStateText } from '../utils/ui/format';
import { CallTimer } from './CallTimer';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import { t } from '../utils/i18n/runtime';

interface Props {
  state: PanelState;
  connector: PanelConnector;
  /** A disposition is still owed and the admin requires it before the agent goes ready. */
  dispositionOwed: boolean;
}

export function AgentStateControl({ state, connector, dispositionOwed }: Props) {
  const action = useAction(connector);
  const [reason, setReason] = useState('');
  const { agent, agentStates, pauseReasons } = state;
  const offered = (s: (typeof agentStates)[number]) =>
    agentStates.includes(s) && agent.status !== s;
  const paused = agent.status === 'notReady';
  // Not ready takes a reason: offered to go not ready, or to change the reason while not ready.
  const reasons = agentStates.includes('notReady') && pauseReasons.length > 0;
  // The vendor names the reason by its code: show the label the agent chose it by.
  const reasonLabel = pauseReasons.find((r) => r.code === agent.reason)?.label ?? agent.reason;
  const set = (next: 'ready' | 'notReady' | 'loggedOut', why?: string) =>
    action.run({
      type: 'panel/command',
      command: { type: 'setAgentState', state: next, reason: why },
    });
  const pauseControls = (
    <>
      {reasons && (
        <>
          <label for="sb-pause-reason" class="sb-visually-hidden">
            {t('agentState.pauseReason')}
          </label>
          <select
            id="sb-pause-reason"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            disabled={action.pending}
          >
            <option value="">{t('agentState.noReason')}</option>
            {pauseReasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
        </>
      )}
      {(offered('notReady') || (paused && reasons)) && (
        <button
          type="button"
          disabled={action.pending}
          onClick={() => set('notReady', reason || undefined)}
        >
          {paused ? t('agentState.changeReason') : t('agentState.notReady')}
        </button>
      )}
    </>
  );
  const choices = offered('ready') || offered('notReady') || offered('loggedOut') || reasons;

  return (
    <section class="sb-agent" aria-labelledby="sb-agent-title">
      <h2 id="sb-agent-title" class="sb-visually-hidden">
        {t('agentState.title')}
      </h2>
      <p class={`sb-chip sb-agent-state sb-agent-state--${agent.status}`}>
        <span class="sb-dot" aria-hidden="true" />
        {/* Its own live region: the timer beside it changes every second and must not be read. */}
        <span role="status">{agentStateText({ ...agent, reason: reasonLabel })}</span>
        {agent.since !== undefined && (
          <CallTimer from={agent.since} label={t('agentState.timeInState')} />
        )}
      </p>
      {choices && (
        <div
          class="sb-row sb-wrap sb-agent-change"
          role="group"
          aria-label={t('agentState.change')}
        >
          <span class="sb-muted" aria-hidden="true">
            {t('agentState.changeTo')}
          </span>
          {offered('ready') && (
            <button
              type="button"
              disabled={action.pending || dispositionOwed}
              aria-describedby={dispositionOwed ? 'sb-ready-blocked' : undefined}
              onClick={() => set('ready')}
            >
              {t('agentState.ready')}
            </button>
          )}
          {!paused && pauseControls}
          {offered('loggedOut') && (
            <button type="button" disabled={action.pending} onClick={() => set('loggedOut')}>
              {t('agentState.logOut')}
            </button>
          )}
          {paused && pauseControls}
        </div>
      )}
      {dispositionOwed && offered('ready') && (
        <p id="sb-ready-blocked" class="sb-muted">
          {t('agentState.readyBlocked')}
        </p>
      )}
      <ErrorAlert message={action.error} />
    </section>
  );
}
