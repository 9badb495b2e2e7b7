// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECT_FAILURES, type Connection } from '../utils/cti/model';
import { setMessages } from '../utils/i18n/runtime';
import type { PanelState, Reply } from '../utils/messaging';
import { localeMessages } from '../tests/support/messages';
import { signedInState, signedOutState } from '../tests/support/sample-state';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import {
  alerts,
  button,
  click,
  labelled,
  queryButton,
  settle,
  submit,
  text,
  type,
} from '../tests/support/test-dom';
import { signInFailureText } from './sign-in-text';

afterEach(unmountPanels);

const DNS_REASON = 'Cannot reach the XiVO server at https://xuc.exampel.com';

/** The background's answer to a sign-in attempt: pending, then the form again with `failure`. */
const signingIn = (s: PanelState): PanelState => ({
  ...s,
  identity: undefined,
  connection: { status: 'connecting' },
  signIn: { ...s.signIn, pending: true },
});
const failedWith =
  (connection: Extract<Connection, { status: 'failed' }>) =>
  (s: PanelState): PanelState => ({
    ...s,
    identity: undefined,
    connection,
    signIn: { ...s.signIn, pending: false },
  });

function fillIn(root: HTMLElement) {
  type(labelled(root, 'Server'), 'https://xuc.exampel.com');
  type(labelled(root, 'Username'), 'jdoe');
  type(labelled(root, 'Password'), 'secret');
  type(labelled(root, 'Phone number'), '1001');
}

describe('a sign-in the vendor has not answered yet', () => {
  it('keeps the form, busy, with what was typed, and offers to cancel', async () => {
    let answer!: (reply: Reply<unknown>) => void;
    const { root, connector } = showPanel(signedOutState(), {
      layout: 'popup',
      reply: (msg) =>
        msg.type === 'panel/signIn'
          ? new Promise<Reply<unknown>>((resolve) => (answer = resolve))
          : undefined,
    });
    fillIn(root);
    submit(root.querySelector('form'));
    connector.setState(signingIn);
    await settle();
    const busy = button(root, 'Signing in…');
    expect(busy.disabled).toBe(true);
    expect(root.querySelector('form')?.getAttribute('aria-busy')).toBe('true');
    expect(labelled(root, 'Username').value).toBe('jdoe');
    expect(labelled(root, 'Username').disabled).toBe(true);
    expect(labelled(root, 'Server').value).toBe('https://xuc.exampel.com');
    // Never the signed-in view.
    expect(queryButton(root, 'Sign out')).toBeUndefined();
    expect(alerts(root)).toEqual([]);

    click(button(root, 'Cancel'));
    expect(connector.sent.at(-1)).toEqual({ type: 'panel/signOut' });
    answer({ ok: false, error: 'Signed out' });
  });

  it('shows "Signing in…" in a panel that did not start it (the side panel)', () => {
    const { root } = showPanel(signingIn(signedOutState()));
    expect(button(root, 'Signing in…').disabled).toBe(true);
    expect(button(root, 'Cancel')).toBeTruthy();
  });
});

describe('a sign-in that failed', () => {
  it('says what kind of failure it was, keeps the fields but the password, details one click away', async () => {
    const { root, connector } = showPanel(signedOutState(), {
      layout: 'popup',
      reply: (msg) => {
        if (msg.type !== 'panel/signIn') return undefined;
        connector.setState(failedWith({ status: 'failed', reason: DNS_REASON, failure: 'dns' }));
        return { ok: false, error: DNS_REASON };
      },
    });
    fillIn(root);
    submit(root.querySelector('form'));
    await settle();
    expect(alerts(root)).toEqual([
      'This server name does not exist. Check the server address for a typing mistake.',
    ]);
    expect(text(root.querySelector('details summary'))).toBe('Details');
    expect(text(root.querySelector('details p'))).toBe(DNS_REASON);
    expect(labelled(root, 'Server').value).toBe('https://xuc.exampel.com');
    expect(labelled(root, 'Username').value).toBe('jdoe');
    expect(labelled(root, 'Phone number').value).toBe('1001');
    expect(labelled(root, 'Password').value).toBe('');
    expect(button(root, 'Sign in').disabled).toBe(false);
  });

  it('has a sentence of its own for every kind, naming the phone system where it helps', () => {
    const said = new Set<string>();
    for (const failure of CONNECT_FAILURES) {
      const connection = { status: 'failed', reason: 'HTTP 404.', failure } as const;
      const { root } = showPanel(failedWith(connection)(signedInState()));
      const [sentence = ''] = alerts(root);
      expect(sentence).toBe(signInFailureText(failure, { vendor: 'XiVO', detail: 'HTTP 404.' }));
      expect(sentence).toMatch(/^\S.+\.$/);
      expect(sentence).not.toMatch(/\{\w+\}|\.\./);
      said.add(sentence);
      unmountPanels();
    }
    expect(said.size).toBe(CONNECT_FAILURES.length);
    const values = { vendor: 'XiVO', detail: 'HTTP 404.' };
    expect(signInFailureText('unreachable', values)).toBe(
      'Nothing answers at this server address. Check the address and its port number, or ask your administrator whether XiVO is running.',
    );
    // Where no sentence says more, the technical reason is in it, with one full stop.
    expect(signInFailureText('refused', values)).toBe('XiVO refused the sign-in: HTTP 404.');
    expect(signInFailureText('config', values)).toBe(
      'The connection settings cannot work: HTTP 404.',
    );
  });

  it('offers the last sign-in’s fields again in a new form, never a password', () => {
    const state = failedWith({ status: 'failed', reason: 'Refused', failure: 'credentials' })(
      signedOutState(),
    );
    state.signIn.values = { username: 'jdoe', phoneNumber: '1001', password: 'leaked' };
    const { root } = showPanel(state);
    expect(labelled(root, 'Username').value).toBe('jdoe');
    expect(labelled(root, 'Phone number').value).toBe('1001');
    expect(labelled(root, 'Password').value).toBe('');
    expect(alerts(root)[0]).toContain('did not accept these sign-in details');
  });

  it('says why a new attempt was refused rather than the older failure', async () => {
    const state = failedWith({ status: 'failed', reason: 'Refused', failure: 'credentials' })(
      signedOutState(),
    );
    const { root } = showPanel(state, {
      reply: (msg) =>
        msg.type === 'panel/signIn' ? { ok: false, error: 'Enter your password' } : undefined,
    });
    type(labelled(root, 'Username'), 'jdoe');
    submit(root.querySelector('form'));
    await settle();
    expect(alerts(root)).toEqual(['Enter your password']);
    expect(root.querySelector('details')).toBeNull();
  });
});

describe('the sign-in form in the agent’s language', () => {
  it('says everything in it, the failure too; the vendor’s field labels stay the vendor’s', async () => {
    setMessages('fr', localeMessages('fr'));
    const failed = failedWith({ status: 'failed', reason: DNS_REASON, failure: 'dns' });
    const { root, connector } = showPanel(failed(signedOutState({ language: 'fr' })));
    await settle();
    expect(text(root.querySelector('h2'))).toBe('Se connecter à XiVO');
    expect(alerts(root)).toEqual([
      'Ce nom de serveur n’existe pas. Vérifiez que l’adresse du serveur ne contient pas de faute de frappe.',
    ]);
    expect(text(root.querySelector('details summary'))).toBe('Détails');
    expect(button(root, 'Se connecter').disabled).toBe(false);
    expect(labelled(root, 'Username')).toBeTruthy();

    connector.setState(signingIn);
    await settle();
    expect(button(root, 'Connexion en cours…').disabled).toBe(true);
    expect(button(root, 'Annuler')).toBeTruthy();
    expect(text(root)).not.toMatch(/Sign in|Cancel|Details/);
  });
});
