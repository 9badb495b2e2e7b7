/**
 * The agent panel shared by the popup and the side panel. `PanelView` is a pure function of the
 * state snapshot (plus the connector it sends through); `Panel` only subscribes to the snapshot.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isUiLanguageActive, setUiLanguage, t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { callExtras } from '../utils/ui/agent-tools';
import { AgentStateControl } from './AgentStateControl';
import { AgentToolTabs, CallsSection } from './AgentToolTabs';
import { ConnectionStatus } from './ConnectionStatus';
import { CurrentCall } from './CurrentCall';
import { DialConfirmations } from './DialConfirmations';
import { DispositionForm } from './DispositionForm';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import { Notices } from './Notices';
import { Outbox } from './Outbox';
import { SignInForm } from './SignInForm';
import './panel.css';

export type PanelLayout = 'popup' | 'sidepanel';

interface ViewProps {
  state: PanelState;
  connector: PanelConnector;
  layout?: PanelLayout;
  /** Extra controls the entrypoint adds at the bottom ("Open side panel"). */
  footer?: ComponentChildren;
}

/** Signed out, or the session ended in a way only the agent can fix (bad password…). */
export const isSignedOut = (state: PanelState): boolean =>
  !state.identity || state.connection.status === 'idle' || state.connection.status === 'failed';

const owesDisposition = (state: PanelState): boolean =>
  state.dispositionRequired &&
  state.calls.some((c) => c.state === 'ended' && c.actions.includes('dispose') && !c.disposition);

/** The calls in hand, then the ended ones waiting for their disposition: always in view. */
function CallsInHand({ state, connector }: Omit<ViewProps, 'layout' | 'footer'>) {
  const live = state.calls.filter((c) => c.state !== 'ended');
  const toDispose = state.calls.filter((c) => c.state === 'ended' && c.actions.includes('dispose'));
  return (
    <>
      {live.map((call) => (
        <CurrentCall
          key={call.id}
          call={call}
          queues={state.queues}
          canOpenRecord={state.recordCalls.includes(call.id)}
          connector={connector}
          extras={callExtras(state, call)}
        />
      ))}
      {toDispose.map((call) => (
        <DispositionForm key={call.id} call={call} state={state} connector={connector} />
      ))}
    </>
  );
}

export function PanelView({ state, connector, layout = 'popup', footer }: ViewProps) {
  const signOut = useAction(connector);
  const signedOut = isSignedOut(state);

  return (
    <main class={`sb-panel sb-panel--${layout}`}>
      <header class="sb-header">
        <h1 class="sb-brand">{t('manifest.name')}</h1>
        <span class="sb-muted sb-vendor">
          {state.vendorLabel}
          {!signedOut && state.identity?.username ? ` · ${state.identity.username}` : ''}
        </span>
        {!signedOut && (
          <button
            type="button"
            class="sb-small"
            disabled={signOut.pending}
            onClick={() => signOut.run({ type: 'panel/signOut' })}
          >
            {t('panel.signOut')}
          </button>
        )}
      </header>
      <ErrorAlert message={signOut.error} />
      <Notices state={state} connector={connector} />
      <Outbox state={state} connector={connector} />
      <DialConfirmations state={state} connector={connector} />
      {signedOut ? (
        <SignInForm key={state.vendor} state={state} connector={connector} />
      ) : (
        <>
          <ConnectionStatus state={state} />
          <AgentStateControl
            state={state}
            connector={connector}
            dispositionOwed={owesDisposition(state)}
          />
          <CallsInHand state={state} connector={connector} />
          {/* The popup stays compact for the call in hand; the side panel has room for more. */}
          {layout === 'sidepanel' ? (
            <AgentToolTabs state={state} connector={connector} />
          ) : (
            <CallsSection state={state} connector={connector} />
          )}
        </>
      )}
      {footer}
    </main>
  );
}

/**
 * Each snapshot, once its language (`PanelState.language`, the `ui.language` setting) is in
 * place: at once when it already is, after loading its messages otherwise. A snapshot that comes
 * while an older one waits for its language replaces it.
 */
function subscribeInLanguage(
  connector: PanelConnector,
  show: (state: PanelState) => void,
): () => void {
  let latest = 0;
  return connector.subscribe((next) => {
    const id = ++latest;
    if (isUiLanguageActive(next.language)) {
      show(next);
      return;
    }
    void setUiLanguage(next.language).then(() => {
      if (id === latest) show(next);
    });
  });
}

/** Renders whatever the connector last pushed; "Loading…" until the first snapshot arrives. */
export function Panel({ connector, layout, footer }: Omit<ViewProps, 'state'>) {
  const [state, setState] = useState<PanelState | undefined>();
  useEffect(() => subscribeInLanguage(connector, setState), [connector]);
  if (!state) {
    return (
      <main class={`sb-panel sb-panel--${layout ?? 'popup'}`} aria-busy="true">
        <p class="sb-muted" role="status">
          {t('panel.loading')}
        </p>
      </main>
    );
  }
  return <PanelView state={state} connector={connector} layout={layout} footer={footer} />;
}
