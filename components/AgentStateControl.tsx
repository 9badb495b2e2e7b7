/**
 * The agent's availability: Ready, Not ready (with the pause reasons on offer: the vendor's, or
 * the admin's list for a vendor that lists none) and Log out, limited to the states the vendor
 * lets the agent choose; and how long the agent has been in the current state.
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
  const allowed = (s: (typeof agentStates)[number]) => agentStates.includes(s);
  // The vendor names the reason by its code: show the label the agent chose it by.
  const reasonLabel = pauseReasons.find((r) => r.code === agent.reason)?.label ?? agent.reason;
  const set = (next: 'ready' | 'notReady' | 'loggedOut', why?: string) =>
    action.run({
      type: 'panel/command',
      command: { type: 'setAgentState', state: next, reason: why },
    });

  return (
    <section class="sb-agent" aria-labelledby="sb-agent-title">
      <h2 id="sb-agent-title" class="sb-visually-hidden">
        {t('agentState.title')}
      </h2>
      <p class={`sb-agent-state sb-agent-state--${agent.status}`}>
        <span class="sb-dot" aria-hidden="true" />
        <span>{agentStateText({ ...agent, reason: reasonLabel })}</span>
        {agent.since !== undefined && (
          <CallTimer from={agent.since} label={t('agentState.timeInState')} />
        )}
      </p>
      {agentStates.length > 0 && (
        <div class="sb-row sb-wrap" role="group" aria-label={t('agentState.change')}>
          {allowed('ready') && (
            <button
              type="button"
              aria-pressed={agent.status === 'ready'}
              disabled={action.pending || dispositionOwed}
              aria-describedby={dispositionOwed ? 'sb-ready-blocked' : undefined}
              onClick={() => set('ready')}
            >
              {t('agentState.ready')}
            </button>
          )}
          {allowed('notReady') && pauseReasons.length > 0 && (
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
          {allowed('notReady') && (
            <button
              type="button"
              aria-pressed={agent.status === 'notReady'}
              disabled={action.pending}
              onClick={() => set('notReady', reason || undefined)}
            >
              {t('agentState.notReady')}
            </button>
          )}
          {allowed('loggedOut') && (
            <button
              type="button"
              aria-pressed={agent.status === 'loggedOut'}
              disabled={action.pending}
              onClick={() => set('loggedOut')}
            >
              {t('agentState.logOut')}
            </button>
          )}
        </div>
      )}
      {dispositionOwed && allowed('ready') && (
        <p id="sb-ready-blocked" class="sb-muted">
          {t('agentState.readyBlocked')}
        </p>
      )}
      <ErrorAlert message={action.error} />
    </section>
  );
}
