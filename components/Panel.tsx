/**
 * The agent panel shared by the popup and the side panel. `PanelView` is a pure function of the
 * state snapshot (plus the connector it sends through); `Panel` only subscribes to the snapshot.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isUiLanguageActive, setUiLanguage, t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector, StateSource } from '../utils/ui/connector';
import { callExtras, loadCommandCheck } from '../utils/ui/agent-tools';
import { setHomeCountry } from '../utils/ui/format';
import { AgentStateControl } from './AgentStateControl';
import { AgentToolTabs, CallsSection } from './AgentToolTabs';
import { CallWaiting } from './CallWaiting';
import { ConnectionStatus } from './ConnectionStatus';
import { CountryPrompt } from './CountryPrompt';
import { CurrentCall } from './CurrentCall';
import { DiagnosticsLink } from './diagnostics/DiagnosticsLink';
import { DialConfirmations } from './DialConfirmations';
import { DisclosureKeys } from './DisclosureKeys';
import { DispositionForm } from './DispositionForm';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import { LastKnown } from './LastKnown';
import { Notices } from './Notices';
import { Outbox } from './Outbox';
import { PopOutButton } from './PopOutButton';
import { RingingAnnouncer } from './RingingAnnouncer';
import { SignInForm } from './SignInForm';

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

/**
 * The calls in hand (with a swap between two where the vendor can hold), then the ended ones
 * waiting for their disposition: always in view.
 */
function CallsInHand({ state, connector }: Omit<ViewProps, 'layout' | 'footer'>) {
  const live = state.calls.filter((c) => c.state !== 'ended');
  const toDispose = state.calls.filter((c) => c.state === 'ended' && c.actions.includes('dispose'));
  return (
    <>
      <CallWaiting calls={live} connector={connector} />
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
  // Numbers of the agent's country read in national format in every view below.
  setHomeCountry(state.defaultCountry);

  return (
    <main class={`sb-panel sb-panel--${layout}`}>
      <RingingAnnouncer state={state} />
      <DisclosureKeys />
      <header class="sb-header">
        <h1 class="sb-brand">{t('manifest.name')}</h1>
        <span class="sb-muted sb-vendor">
          {state.vendorLabel}
          {!signedOut && state.identity?.username ? ` · ${state.identity.username}` : ''}
        </span>
        <PopOutButton connector={connector} />
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
      <CountryPrompt state={state} connector={connector} />
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
      <DiagnosticsLink />
      {footer}
    </main>
  );
}

/**
 * Each state, once its language (`PanelState.language`, the `ui.language` setting) is in place: at
 * once when it already is, after loading its messages otherwise. A state that comes while an
 * older one waits for its language replaces it.
 */
function subscribeInLanguage(
  connector: PanelConnector,
  show: (shown: { state: PanelState; source: StateSource }) => void,
): () => void {
  let latest = 0;
  return connector.subscribe((state, source = 'live') => {
    const id = ++latest;
    if (isUiLanguageActive(state.language)) {
      show({ state, source });
      return;
    }
    void setUiLanguage(state.language).then(() => {
      if (id === latest) show({ state, source });
    });
  });
}

/** How long after it mounts the panel loads what it needs only once the agent acts. */
const PRELOAD_DELAY_MS = 300;

/**
 * Renders whatever the connector last gave: the background's state, or until it arrives the
 * snapshot, disabled (LastKnown); "Loading…" until there is either.
 */
export function Panel({ connector, layout, footer }: Omit<ViewProps, 'state'>) {
  const [shown, setShown] = useState<{ state: PanelState; source: StateSource }>();
  useEffect(() => subscribeInLanguage(connector, setShown), [connector]);
  // The command checks' schemas, out of the way of the first paint but ready before the agent
  // has typed anything.
  useEffect(() => {
    const timer = setTimeout(() => void loadCommandCheck(), PRELOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  const state = shown?.state;
  if (!state) {
    return (
      <main class={`sb-panel sb-panel--${layout ?? 'popup'}`} aria-busy="true">
        <p class="sb-muted" role="status">
          {t('panel.loading')}
        </p>
      </main>
    );
  }
  return (
    <LastKnown source={shown.source}>
      <PanelView state={state} connector={connector} layout={layout} footer={footer} />
    </LastKnown>
  );
}
