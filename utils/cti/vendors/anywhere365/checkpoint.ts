/**
 * What the Anywhere365 adapter keeps in AdapterContext.checkpoint between its connections: the
 * broker has no "current calls" query (vendors/README.md §2.8), so this is its only memory.
 */
import { z } from 'zod';
import type { Checkpoint } from '../../adapter';
import { TrackedCalls } from './calls';

export const Saved = z.object({
  version: z.literal(1),
  /** The last relay seq handled: `after` in the next hello. */
  seq: z.number().int().min(0),
  calls: TrackedCalls,
  agent: z.enum(['ready', 'loggedOut']).optional(),
  subscriptionId: z.string().max(200).optional(),
});
export type Saved = z.infer<typeof Saved>;

/** The saved value, or undefined when there is none or it is unreadable. */
export async function loadCheckpoint(checkpoint: Checkpoint): Promise<Saved | undefined> {
  const raw = await checkpoint.get().catch(() => undefined);
  const parsed = Saved.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
