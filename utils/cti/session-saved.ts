/**
 * The session's record in `storage.session` (memory only): the credentials, the retry count and
 * the outage under way, so that a restarted worker can sign in again (session.ts `restore`).
 */
import { z } from 'zod';
import type { SessionDeps } from './session-api';

/** The version of the saved session (`SessionDeps.keys.session`, utils/storage/registry.ts). */
export const SESSION_VERSION = 1;

export const SavedSession = z.object({
  version: z.literal(SESSION_VERSION),
  credentials: z.record(z.string(), z.string()),
  attempt: z.number().int().min(0),
  /** When the link was lost, while it has not come back and been reconciled (outage records). */
  offlineSince: z.number().optional(),
});

/** What a restarted worker finds of the session, or undefined when nobody was signed in. */
export async function readSaved(
  deps: SessionDeps,
): Promise<z.infer<typeof SavedSession> | undefined> {
  let raw: unknown;
  try {
    raw = await deps.secrets.get(deps.keys.session);
  } catch (error) {
    deps.log.warn('could not read the saved session', error);
    return undefined;
  }
  const parsed = SavedSession.safeParse(raw);
  // No details: the value holds credentials.
  if (!parsed.success && raw !== undefined && raw !== null)
    deps.log.warn('discarded a saved session that failed validation');
  return parsed.success ? parsed.data : undefined;
}
