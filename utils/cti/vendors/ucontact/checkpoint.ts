/**
 * What the uContact adapter keeps in `AdapterContext.checkpoint` between its connections: the
 * last relay event handled and what the portal and the webhooks reported (calls.ts
 * `PortalMemory`), since uContact has no "current calls" request (vendors/README.md §4.4).
 */
import { z } from 'zod';
import type { Checkpoint } from '../../adapter';
import { SavedMemory } from './calls';

export const Saved = z.object({
  version: z.literal(1),
  /** The last relay seq handled: `after` in the next hello. */
  seq: z.number().int().min(0),
  memory: SavedMemory.optional(),
});
export type Saved = z.infer<typeof Saved>;

/** The saved value, or undefined when there is none or it is unreadable. */
export async function loadSaved(checkpoint: Checkpoint): Promise<Saved | undefined> {
  const raw = await checkpoint.get().catch(() => undefined);
  const parsed = Saved.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
