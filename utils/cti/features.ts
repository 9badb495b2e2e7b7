/**
 * The vendor-neutral concepts of an agent's working day beyond the call in hand (architecture.md
 * "Agent features"): queues and their statistics, the directory, scheduled callbacks, presence
 * extras (do-not-disturb, forwarding, voicemail), the agent's own figures, and the vendor's own
 * extra actions. Adapters report them as events (model.ts `CtiEvent`) or answer queries
 * (adapter.ts `VendorAdapter.searchDirectory`); the store keeps them; views render only these.
 * Nothing here knows any vendor's wire.
 */
import { z } from 'zod';

/**
 * What a vendor offers beyond commands (`Capabilities.features`): the panel shows a section or a
 * figure only for the features the signed-in vendor has. Commands (joining a queue, taking a
 * callback…) are gated by `Capabilities.commands` as every other command.
 */
export const FEATURES = [
  /** `VendorAdapter.searchDirectory`: people, extensions, the vendor's directory. */
  'directory',
  /** Favourites in the vendor's directory (`searchDirectory` with an empty term lists them). */
  'favorites',
  /** `VendorAdapter.pastCalls` may be read for the panel's history, not only after an outage. */
  'history',
  /** The agent's queues (`queues` events). */
  'queues',
  /** Live queue statistics (`queueStats` events). */
  'queueStats',
  /** Scheduled callbacks (`callbacks` events). */
  'callbacks',
  /** Do-not-disturb and forwarding state (`presence` events). */
  'presence',
  /** Voicemail counts (`presence` events with `voicemail`). */
  'voicemail',
  /** The agent's own figures (`agentStats` events). */
  'agentStats',
  /** The vendor's call data is worth showing (attached variables, lead fields). */
  'callData',
] as const;
export const Feature = z.enum(FEATURES);
export type Feature = z.infer<typeof Feature>;

const text = (max = 200) => z.string().max(max);
const count = z.number().int().min(0);

// ── Queues ────────────────────────────────────────────────────────────────────────────────────

export const QueueInfo = z.object({
  /** The vendor's id of the queue (what `joinQueue` / `leaveQueue` take). */
  id: text().min(1),
  name: text(),
  /** The queue's own number, where it has one (XiVO). */
  number: text(64).optional(),
  /** The agent takes this queue's calls; undefined: the vendor does not say. */
  member: z.boolean().optional(),
});
export type QueueInfo = z.infer<typeof QueueInfo>;

/** Live figures of one queue; every field is optional: vendors publish different ones. */
export const QueueStats = z.object({
  /** Calls waiting now. */
  waiting: count.optional(),
  /** How long the oldest waiting call has waited, in seconds, when `at` was observed. */
  longestWaitS: z.number().min(0).optional(),
  /** Agents ready to take a call. */
  agentsAvailable: count.optional(),
  /** Agents signed in to the queue (ready or not). */
  agentsLoggedIn: count.optional(),
  /** Calls answered / abandoned today, where the vendor counts them. */
  answered: count.optional(),
  abandoned: count.optional(),
  /** When these figures were observed (epoch ms, our clock); the store stamps it. */
  at: z.number().optional(),
});
export type QueueStats = z.infer<typeof QueueStats>;

// ── Directory ─────────────────────────────────────────────────────────────────────────────────

export const DirectoryKind = z.enum(['person', 'extension', 'queue', 'speedDial', 'room']);
export type DirectoryKind = z.infer<typeof DirectoryKind>;

/** Whether the entry can take a call now, where the vendor says. */
export const DirectoryStatus = z.enum(['available', 'busy', 'away', 'offline', 'unknown']);
export type DirectoryStatus = z.infer<typeof DirectoryStatus>;

export const DirectoryEntry = z.object({
  /** Stable within the vendor (`addFavorite` / `removeFavorite` take it). */
  id: text(300).min(1),
  kind: DirectoryKind,
  name: text(),
  /** The numbers to dial or transfer to; the first is the main one. */
  numbers: z
    .array(
      z.object({
        number: text(64).min(1),
        label: text(100).optional(),
        /**
         * Only a blind transfer takes it (a colleague's user id on MaxContact): the panel offers
         * no Call and no attended transfer for it; dialled, it would be a number nobody has.
         */
        transferOnly: z.boolean().optional(),
      }),
    )
    .max(10),
  /** Team, department, company: a line under the name. */
  detail: text().optional(),
  status: DirectoryStatus.optional(),
  /** In the agent's favourites (vendors with `favorites`). */
  favorite: z.boolean().optional(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

// ── Callbacks ─────────────────────────────────────────────────────────────────────────────────

export const CallbackItem = z.object({
  /** The vendor's id (the commands take it). */
  id: text(300).min(1),
  /** The number to call. */
  number: text(64).min(1),
  name: text().optional(),
  /** Company, list or campaign it belongs to. */
  detail: text().optional(),
  /** When the customer should be called (epoch ms); absent: as soon as possible. */
  dueAt: z.number().optional(),
  /** The end of the window the customer asked for (epoch ms). */
  dueUntil: z.number().optional(),
  /** What the agent should know ("call about invoice 42"). */
  note: text(2000).optional(),
  /** `mine`: taken by this agent; `open`: anyone may take it; `taken`: by someone else. */
  owner: z.enum(['mine', 'open', 'taken']),
  queue: text().optional(),
});
export type CallbackItem = z.infer<typeof CallbackItem>;

// ── Presence extras ───────────────────────────────────────────────────────────────────────────

export const ForwardKind = z.enum(['unconditional', 'noAnswer', 'busy']);
export type ForwardKind = z.infer<typeof ForwardKind>;

export const Forward = z.object({ enabled: z.boolean(), destination: text(64) });
export type Forward = z.infer<typeof Forward>;

export const Presence = z.object({
  dnd: z.boolean().optional(),
  forwards: z.partialRecord(ForwardKind, Forward).optional(),
  voicemail: z.object({ new: count, old: count.optional() }).optional(),
});
export type Presence = z.infer<typeof Presence>;

// ── The agent's own figures ───────────────────────────────────────────────────────────────────

/**
 * One figure: `name` is the vendor's key, `label` what the panel shows (the adapter names it),
 * `unit` how to render the value.
 */
export const AgentStat = z.object({
  name: text(100).min(1),
  label: text(100),
  value: z.number(),
  unit: z.enum(['count', 'seconds', 'percent', 'time']).default('count'),
});
export type AgentStat = z.infer<typeof AgentStat>;

// ── Vendor actions ────────────────────────────────────────────────────────────────────────────

/**
 * A field of a vendor action's form. `choice` offers `options`; `datetime` is an epoch-ms string
 * the panel writes from a date-time input; `text` is free text up to `max`.
 */
export const ActionField = z.object({
  key: text(100).min(1),
  label: text(),
  kind: z.enum(['text', 'number', 'choice', 'datetime']),
  required: z.boolean().default(true),
  options: z
    .array(z.object({ code: text(), label: text() }))
    .max(200)
    .optional(),
  max: z.number().int().min(1).max(4000).optional(),
});
export type ActionField = z.input<typeof ActionField>;

/**
 * An operation only one vendor has, offered as a small form (MaxContact's "save as a new lead",
 * uContact's "tag the recording"). The adapter declares them with a `vendorActions` event and
 * carries them out on the `vendorAction` command. `callId`: offered on that call's card only
 * (with the call's `states`); absent: offered in the side panel's "More" section.
 */
export const VendorAction = z.object({
  id: text(100).min(1),
  label: text(),
  /** One line for the agent: what happens. */
  hint: text(500).optional(),
  callId: text().optional(),
  /** Offered on a call only in these states (default: any live state). */
  states: z
    .array(z.enum(['ringing', 'dialing', 'connected', 'held', 'transferring', 'ended']))
    .optional(),
  fields: z.array(ActionField).max(10).default([]),
  /** The form's submit label ("Save", "Tag"). */
  submit: text(50).optional(),
});
export type VendorAction = z.infer<typeof VendorAction>;
export type VendorActionInput = z.input<typeof VendorAction>;
