/**
 * Signing in and out from the panel: the credentials go to the session (and nowhere else), the
 * visible connection fields become the agent's settings, and the panel is told who is signed in.
 */
import type { Session } from '../cti/session';
import type { KeyValueArea } from '../cti/store';
import { toCtiError } from '../cti/model';
import type { VendorDescriptor } from '../cti/vendor';
import { fail, ok, type PanelMessage, type Reply } from '../messaging';
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

export interface SignIn {
  /** Who the panel says is signed in; absent when nobody is. */
  readonly identity: { username: string } | undefined;
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

export function createSignIn(deps: SignInDeps): SignIn {
  let identity: { username: string } | undefined;

  return {
    get identity() {
      return identity;
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
          return fail(`Enter your ${field.label.toLowerCase()}`);
      }
      if (Object.keys(msg.connection).length > 0) await deps.saveConnection(msg.connection);
      identity = { username: whoSignedIn(vendor, msg.credentials) };
      await deps.area.set(KEY, identity);
      try {
        await deps.session().start(msg.credentials);
        return ok(undefined);
      } catch (error) {
        return fail(toCtiError(error).message);
      } finally {
        deps.broadcast();
      }
    },

    async signOut() {
      await deps.session().stop();
      identity = undefined;
      await deps.area.set(KEY, null);
      deps.broadcast();
      return ok(undefined);
    },
  };
}
