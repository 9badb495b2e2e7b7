import { describe, expect, it } from 'vitest';
import type { Session } from '../cti/session';
import { CtiError } from '../cti/model';
import { vendorDescriptor } from '../cti/vendors';
import { STORAGE } from '../storage/registry';
import { memoryArea } from '../../tests/support/background-harness';
import { localeMessages } from '../../tests/support/messages';
import { setMessages } from '../i18n/runtime';
import { createSignIn, type SignIn } from './sign-in';

const KEY = STORAGE.session.identity.key;
const TYPED = { username: 'alice', password: 'secret', phoneNumber: '1001' };

/** A session whose starts the test settles by hand. */
function pendingSession() {
  const starts: { resolve(): void; reject(error: CtiError): void }[] = [];
  let stops = 0;
  const session = {
    start: () =>
      new Promise<void>((resolve, reject) => {
        starts.push({ resolve, reject });
      }),
    stop: async () => {
      stops += 1;
      starts.at(-1)?.reject(new CtiError('network', 'Signed out'));
    },
  } as unknown as Session;
  return { session, starts, stops: () => stops };
}

function setUp() {
  const { session, starts, stops } = pendingSession();
  const area = memoryArea();
  let broadcasts = 0;
  const signIn: SignIn = createSignIn({
    session: () => session,
    area,
    vendor: () => vendorDescriptor('xivo'),
    saveConnection: async () => undefined,
    broadcast: () => void (broadcasts += 1),
  });
  const attempt = () => signIn.signIn({ type: 'panel/signIn', credentials: TYPED, connection: {} });
  return { signIn, starts, stops, area, attempt, broadcasts: () => broadcasts };
}

/** Lets the sign-in reach the session's start. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sign-in while the vendor has not answered', () => {
  it('is no session yet: the panel shows no one signed in, and nothing is stored', async () => {
    const h = setUp();
    const reply = h.attempt();
    await settle();
    expect(h.signIn.view).toEqual({
      pending: true,
      values: { username: 'alice', phoneNumber: '1001' },
    });
    // The outbox still knows whose writes may go once the vendor accepts.
    expect(h.signIn.identity).toEqual({ username: 'alice' });
    expect(await h.area.get(KEY)).toBeNull();
    expect(h.broadcasts()).toBeGreaterThan(0);

    h.starts[0]!.resolve();
    await expect(reply).resolves.toEqual({ ok: true, value: undefined });
    expect(h.signIn.view).toMatchObject({ identity: { username: 'alice' }, pending: false });
    expect(await h.area.get(KEY)).toEqual({ username: 'alice' });
  });

  it('goes back to the form after a failure, with what the agent typed but the password', async () => {
    const h = setUp();
    const reply = h.attempt();
    await settle();
    h.starts[0]!.reject(new CtiError('auth', 'XiVO did not accept this username and password'));
    await expect(reply).resolves.toEqual({
      ok: false,
      error: 'XiVO did not accept this username and password',
    });
    expect(h.signIn.identity).toBeUndefined();
    expect(h.signIn.view).toEqual({
      pending: false,
      values: { username: 'alice', phoneNumber: '1001' },
    });
    expect(JSON.stringify(h.signIn.view)).not.toContain('secret');
    expect(await h.area.get(KEY)).toBeNull();
  });

  it('lets a newer sign-in win over the one it replaced', async () => {
    const h = setUp();
    const first = h.attempt();
    await settle();
    const second = h.signIn.signIn({
      type: 'panel/signIn',
      credentials: { ...TYPED, username: 'bob' },
      connection: {},
    });
    await settle();
    h.starts[0]!.reject(new CtiError('network', 'Sign-in was started again'));
    await first;
    expect(h.signIn.view).toMatchObject({ pending: true, values: { username: 'bob' } });
    expect(h.signIn.identity).toEqual({ username: 'bob' });
    h.starts[1]!.resolve();
    await second;
    expect(h.signIn.view).toMatchObject({ identity: { username: 'bob' }, pending: false });
  });

  it('is cancelled by a sign-out, which forgets what was typed', async () => {
    const h = setUp();
    const reply = h.attempt();
    await settle();
    await expect(h.signIn.signOut()).resolves.toEqual({ ok: true, value: undefined });
    await expect(reply).resolves.toMatchObject({ ok: false });
    expect(h.stops()).toBe(1);
    expect(h.signIn.identity).toBeUndefined();
    expect(h.signIn.view).toEqual({ pending: false, values: {} });
  });
});

describe('a required field left empty', () => {
  it('is named in the refusal, in the interface’s language, and nothing starts', async () => {
    const h = setUp();
    const empty = {
      type: 'panel/signIn',
      credentials: { username: 'alice' },
      connection: {},
    } as const;
    expect(await h.signIn.signIn(empty)).toEqual({ ok: false, error: 'Enter your password' });
    setMessages('es', localeMessages('es'));
    expect(await h.signIn.signIn(empty)).toEqual({ ok: false, error: 'Introduzca su password' });
    expect(h.starts).toHaveLength(0);
    expect(h.signIn.view.pending).toBe(false);
  });
});
