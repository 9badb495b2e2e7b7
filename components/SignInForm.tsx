/**
 * Sign-in: the vendor's connection fields that policy leaves open (XiVO: "Server") and its
 * credential fields ("Username", "Password", "Phone number"). Credentials go straight to the
 * background and are never kept by the view after the attempt.
 */
import { useState } from 'preact/hooks';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

export function SignInForm({ state, connector }: Props) {
  const connectionFields = state.signIn.connectionFields.filter((f) => !f.locked);
  // Only what the agent typed: the rest follows the settings, which may arrive after the first
  // render (policy, or the options page in another tab).
  const [edited, setEdited] = useState<Record<string, string>>({});
  const connection = Object.fromEntries(
    connectionFields.map((f) => [f.key, edited[f.key] ?? f.value]),
  );
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const action = useAction(connector);
  const failure =
    action.error ?? (state.connection.status === 'failed' ? state.connection.reason : undefined);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const reply = await action.run({ type: 'panel/signIn', credentials, connection });
    // Keep the username for a retry but never hold a password longer than needed.
    const secrets = state.signIn.fields.filter((f) => f.type === 'password').map((f) => f.key);
    setCredentials((c) =>
      Object.fromEntries(Object.entries(c).filter(([k]) => !secrets.includes(k))),
    );
    return reply;
  };

  return (
    <form class="sb-signin" onSubmit={onSubmit} aria-labelledby="sb-signin-title">
      <h2 id="sb-signin-title" class="sb-title">
        Sign in to {state.vendorLabel}
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
            disabled={action.pending}
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
            value={credentials[f.key] ?? ''}
            onInput={(e) => setCredentials({ ...credentials, [f.key]: e.currentTarget.value })}
            required={f.required}
            disabled={action.pending}
          />
        </div>
      ))}
      {state.connection.status === 'connecting' && (
        <p class="sb-muted" role="status">
          Connecting…
        </p>
      )}
      <ErrorAlert message={failure} />
      <button type="submit" class="sb-primary" disabled={action.pending}>
        {action.pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
