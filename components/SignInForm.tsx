/**
 * Sign-in: the vendor's connection fields that policy leaves open (XiVO: "Server") and its
 * credential fields ("Username", "Password", "Phone number"). Credentials go straight to the
 * background; the view keeps what the agent typed for another try, never a password after the
 * attempt. While the vendor has not answered, the form stays, busy ("Signing in…"); a failure
 * brings it back with a sentence for its kind (sign-in-text.ts) and the technical detail one click
 * away. Its own words are in locales/*.yml (`signIn`); the vendors' field labels are their own.
 */
import { useState } from 'preact/hooks';
import type { SignInField } from '../utils/cti/adapter';
import { t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { useAction, type Action } from './hooks';
import { signInFailureText } from './sign-in-text';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

interface Failure {
  message: string;
  /** The vendor's or the browser's own words, behind "Details". */
  detail?: string;
}

/**
 * What to say about the last attempt: the connection's failure when the attempt ended with it (or
 * the form opens on it), else the reply's refusal (a field left empty, an older failure).
 */
function failureOf(state: PanelState, action: Action): Failure | undefined {
  const connection = state.connection;
  const failed = connection.status === 'failed' ? connection : undefined;
  if (action.error !== undefined && action.error !== failed?.reason) {
    return { message: action.error };
  }
  if (!failed) return undefined;
  if (!failed.failure) return { message: failed.reason };
  const message = signInFailureText(failed.failure, {
    vendor: state.vendorLabel,
    detail: failed.reason,
  });
  return { message, detail: failed.reason };
}

/** The value a credential field shows: what the agent typed, else the last sign-in's (no secrets). */
function shown(field: SignInField, typed: Record<string, string>, state: PanelState): string {
  const remembered = field.type === 'password' ? undefined : state.signIn.values?.[field.key];
  return typed[field.key] ?? remembered ?? '';
}

export function SignInForm({ state, connector }: Props) {
  const connectionFields = state.signIn.connectionFields.filter((f) => !f.locked);
  // Only what the agent typed: the rest follows the settings, which may arrive after the first
  // render (policy, or the options page in another tab).
  const [edited, setEdited] = useState<Record<string, string>>({});
  const connection = Object.fromEntries(
    connectionFields.map((f) => [f.key, edited[f.key] ?? f.value]),
  );
  const [typed, setTyped] = useState<Record<string, string>>({});
  const action = useAction(connector);
  const cancel = useAction(connector);
  // Another panel (the side panel, a second popup) may have started the sign-in.
  const busy = action.pending || state.signIn.pending === true;
  const failure = busy ? undefined : failureOf(state, action);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const credentials = Object.fromEntries(
      state.signIn.fields.map((f) => [f.key, shown(f, typed, state)]).filter(([, v]) => v !== ''),
    );
    const reply = await action.run({ type: 'panel/signIn', credentials, connection });
    // Keep the rest for a retry but never hold a password longer than needed.
    const secrets = state.signIn.fields.filter((f) => f.type === 'password').map((f) => f.key);
    setTyped((t) => Object.fromEntries(Object.entries(t).filter(([k]) => !secrets.includes(k))));
    return reply;
  };

  return (
    <form
      class="sb-signin"
      onSubmit={onSubmit}
      aria-labelledby="sb-signin-title"
      aria-busy={busy ? 'true' : undefined}
    >
      <h2 id="sb-signin-title" class="sb-title">
        {t('signIn.title', { vendor: state.vendorLabel })}
      </h2>
      {connectionFields.map((f) => (
        <div class="sb-field" key={`c-${f.key}`}>
          <label for={`sb-conn-${f.key}`}>{f.label}</label>
          <input
            id={`sb-conn-${f.key}`}
            name={f.key}
            type="text"
            // Server URLs mostly; the background validates, so no browser URL check here.
            inputMode="url"
            placeholder={f.placeholder}
            spellcheck={false}
            value={connection[f.key] ?? ''}
            onInput={(e) => setEdited({ ...edited, [f.key]: e.currentTarget.value })}
            disabled={busy}
          />
        </div>
      ))}
      {state.signIn.fields.map((f) => (
        <div class="sb-field" key={`f-${f.key}`}>
          <label for={`sb-cred-${f.key}`}>{f.label}</label>
          <input
            id={`sb-cred-${f.key}`}
            name={f.key}
            type={f.type}
            autocomplete={f.autocomplete}
            value={shown(f, typed, state)}
            onInput={(e) => setTyped({ ...typed, [f.key]: e.currentTarget.value })}
            required={f.required}
            disabled={busy}
          />
        </div>
      ))}
      {state.connection.status === 'connecting' && (
        <p class="sb-muted" role="status">
          {t('status.connecting')}
        </p>
      )}
      <ErrorAlert message={failure?.message} />
      {failure?.detail && (
        <details class="sb-signin-detail">
          <summary>{t('signIn.details')}</summary>
          <p class="sb-muted">{failure.detail}</p>
        </details>
      )}
      <ErrorAlert message={cancel.error} />
      <div class="sb-signin-actions">
        <button type="submit" class="sb-primary" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.signIn')}
        </button>
        {state.signIn.pending && (
          <button
            type="button"
            disabled={cancel.pending}
            onClick={() => cancel.run({ type: 'panel/signOut' })}
          >
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
