/**
 * "More" (side panel): presence extras, the agent's own figures and the vendor's own actions that
 * belong to no call; each part only where the vendor has it.
 */
import { useState } from 'preact/hooks';
import type { VendorAction } from '../utils/cti/features';
import type { PanelState } from '../utils/messaging';
import { agentActions, formatStat } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { useNow } from './hooks';
import { PresenceControls } from './PresenceControls';
import { VendorActionForm } from './VendorActionForm';
import { t } from '../utils/i18n/runtime';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

export function MoreTab({ state, connector }: Props) {
  const actions = agentActions(state);
  return (
    <div class="sb-tool">
      <PresenceControls state={state} connector={connector} />
      {state.features.includes('agentStats') && <AgentFigures state={state} />}
      {actions.length > 0 && <ActionsMenu actions={actions} connector={connector} />}
    </div>
  );
}

function AgentFigures({ state }: { state: PanelState }) {
  const now = useNow(60_000);
  const stats = state.agentTools.agentStats;
  return (
    <section class="sb-tool" aria-labelledby="sb-figures-title">
      <h2 id="sb-figures-title" class="sb-title">
        {t('more.figures')}
      </h2>
      {stats.length === 0 ? (
        <p class="sb-muted">{t('more.noFigures')}</p>
      ) : (
        <dl class="sb-figures">
          {stats.map((stat) => (
            <div key={stat.name}>
              <dt>{stat.label || stat.name}</dt>
              <dd>{formatStat(stat, now)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function ActionsMenu({
  actions,
  connector,
}: {
  actions: readonly VendorAction[];
  connector: PanelConnector;
}) {
  const [open, setOpen] = useState<string | undefined>();
  const current = actions.find((a) => a.id === open);
  return (
    <section class="sb-tool" aria-labelledby="sb-actions-title">
      <h2 id="sb-actions-title" class="sb-title">
        {t('more.otherActions')}
      </h2>
      <div class="sb-row sb-wrap" role="group" aria-label={t('more.otherActions')}>
        {actions.map((a) => (
          <button
            key={a.id}
            type="button"
            aria-expanded={open === a.id}
            aria-controls={open === a.id ? 'sb-agent-action' : undefined}
            onClick={() => setOpen(open === a.id ? undefined : a.id)}
          >
            {a.label}
          </button>
        ))}
      </div>
      {current && (
        <VendorActionForm
          key={current.id}
          id="sb-agent-action"
          action={current}
          connector={connector}
          onDone={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}
