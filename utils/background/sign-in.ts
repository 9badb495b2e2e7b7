/**
 * Signing in and out from the panel: the credentials go to the session (and nowhere else), the
 * visible connection fields become the agent's settings, and the panel is told who is signed in.
 * A sign-in is not a session until the vendor accepted it: meanwhile the panel shows the sign-in
 * form as "Signing in…", never the signed-in view, and after a failure the form again, with what
 * the agent typed (but the password) and the failure's kind (the connection's `failure`).
 */
import type { Session } from '../cti/session';
import type { KeyValueArea } from '../cti/store';
import { toCtiError } from '../cti/model';
import type { VendorDescriptor } from '../cti/vendor';
import { t } from '../i18n/runtime';
import { fail, ok, type Reply } from '../messaging';
import type { PanelMessage } from '../message-checks';
import { STORAGE } from '../storage/registry';

type SignInMessage = Extract<PanelMessage, { type: 'panel/signIn' }>;

export interface SignInDeps {
  session: () => Session;
  /** browser.storage.session: who is signed in survives a worker restart. */
  area: KeyValueArea;
  vendor(): VendorDescriptor;
  /** Saves the values of the sign-in form's connection fields as the agent's own settings. */
  saveConnection(values: Record<string, string>): Promise<void>;
  broadcast(): void;
}

/** What the panel shows of the sign-in (PanelState `identity` and `signIn`). */
export interface SignInView {
  /** Who is signed in; absent when nobody is, and while a sign-in waits for the vendor. */
  identity?: { username: string };
  /** A sign-in waits for the vendor's answer. */
  pending: boolean;
  /** What the agent typed at the last sign-in, but the secrets: the form offers it again. */
  values: Record<string, string>;
}

export interface SignIn {
  /** Who is signed in, or signing in (the outbox sends only their writes); absent when nobody is. */
  readonly identity: { username: string } | undefined;
  readonly view: SignInView;
  /** Reads who was signed in before a worker restart. */
  restore(): Promise<void>;
  /** Nobody is signed in after all (the saved session was gone). */
  forget(): void;
  signIn(message: SignInMessage): Promise<Reply<unknown>>;
  signOut(): Promise<Reply<unknown>>;
}

const KEY = STORAGE.session.identity.key;

/**
 * The name the panel shows for the agent: the first sign-in field they filled that is not a
 * secret (an API token must never end up on screen); empty when there is none.
 */
export function whoSignedIn(vendor: VendorDescriptor, credentials: Record<string, string>): string {
  const field = vendor.signInFields.find(
    (f) => f.type !== 'password' && credentials[f.key]?.trim(),
  );
  return field ? credentials[field.key]!.trim() : '';
}

/** The sign-in fields the agent typed that are not secrets (a password, an API token). */
function typedValues(vendor: VendorDescriptor, credentials: Record<string, string>) {
  return Object.fromEntries(
    vendor.signInFields
      .filter((f) => f.type !== 'password' && credentials[f.key] !== undefined)
      .map((f) => [f.key, credentials[f.key]!]),
  );
}

export function createSignIn(deps: SignInDeps): SignIn {
  let identity: { username: string } | undefined;
  let values: Record<string, string> = {};
  /** The sign-in waiting for the vendor, if any: a newer one supersedes it. */
  let pending: object | undefined;

  return {
    get identity() {
      return identity;
    },

    get view() {
      return {
        ...(identity && !pending ? { identity } : {}),
        pending: pending !== undefined,
        values,
      };
    },

    async restore() {
      const stored = await deps.area.get(KEY);
      const username = (stored as { username?: unknown } | null | undefined)?.username;
      identity = typeof username === 'string' ? { username } : undefined;
    },

    forget() {
      identity = undefined;
    },

    async signIn(msg) {
      const vendor = deps.vendor();
      for (const field of vendor.signInFields) {
        if (field.required && !msg.credentials[field.key]?.trim())
          return fail(t('signIn.required', { field: field.label.toLowerCase() }));
      }
      if (Object.keys(msg.connection).length > 0) await deps.saveConnection(msg.connection);
      const attempt = {};
      pending = attempt;
      values = typedValues(vendor, msg.credentials);
      // In memory only until the vendor accepts: a worker restarted meanwhile finds nobody.
      identity = { username: whoSignedIn(vendor, msg.credentials) };
      await deps.area.set(KEY, null);
      deps.broadcast();
      try {
        await deps.session().start(msg.credentials);
        if (pending === attempt) await deps.area.set(KEY, identity);
        return ok(undefined);
      } catch (error) {
        if (pending === attempt) identity = undefined;
        return fail(toCtiError(error).message);
      } finally {
        if (pending === attempt) pending = undefined;
        deps.broadcast();
      }
    },

    async signOut() {
      pending = undefined;
      await deps.session().stop();
      identity = undefined;
      values = {};
      await deps.area.set(KEY, null);
      deps.broadcast();
      return ok(undefined);
    },
  };
}
