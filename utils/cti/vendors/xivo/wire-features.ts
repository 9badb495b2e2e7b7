/**
 * The xuc frames of an agent's day beyond the call in hand (api-pages/xivo-xuc.txt; the frames
 * the page does not show are from the public cti.js and callback.js, vendors/README.md §1.6):
 * the directory and favourites, queues and their statistics, callbacks, presence, the agent's
 * figures, conference rooms, screen-pop sheets. Lenient where versions differ; strict on ids.
 */
import { z } from 'zod';
import { numericId, oneOrMany, text } from './fields';

const count = z.number().int().min(0);

// ── Directory (api-pages "Directory And Favorites") ──────────────────────────────────────────

/**
 * One row: `entry` holds the values in the order of `headers`; `status` is the phone hint
 * (cti.js PhoneStatus). Assumed (not on the page): rows that can be favourites also name the
 * contact as `contact_id` (or `contactId`) and `source`, which addFavorite/removeFavorite take,
 * and may say `favorite`.
 */
export const DirectoryRow = z.object({
  status: z.number().int().nullish(),
  entry: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).max(50),
  contact_id: text,
  contactId: text,
  source: text,
  favorite: z.boolean().nullish(),
});
export type DirectoryRow = z.infer<typeof DirectoryRow>;

/** `DirectoryResult` (the page's example); `Favorites` is assumed to have the same shape. */
export const DirectoryPayload = z.object({
  headers: z.array(z.string().max(200)).max(50),
  entries: z.array(DirectoryRow).max(2000),
});
export type DirectoryPayload = z.infer<typeof DirectoryPayload>;

/** Assumed shape (not on the page): `{action: Added|Removed|AddFail|RemoveFail, contact_id, source}`. */
export const FavoriteUpdatedPayload = z.object({
  action: z.string().min(1),
  contact_id: text,
  contactId: text,
  source: text,
});

/** `ConferenceList`, the answer to getConferenceRooms (getList "meetme"). */
export const ConferenceListPayload = z
  .array(
    z.object({
      number: z.union([z.string().min(1), z.number()]).transform(String),
      name: text,
      pinRequired: z.boolean().nullish(),
      members: z.array(z.unknown()).max(1000).nullish(),
    }),
  )
  .max(1000);
export type ConferenceRoom = z.infer<typeof ConferenceListPayload>[number];

// ── Queues ───────────────────────────────────────────────────────────────────────────────────

/** `QueueConfig`, and each item of `QueueList`. */
export const QueueConfigPayload = z.object({
  id: numericId,
  name: z.string().min(1).max(200),
  displayName: text,
  number: text,
});
export type QueueConfigPayload = z.infer<typeof QueueConfigPayload>;
export const QueueListPayload = z.array(QueueConfigPayload).max(5000);

/** `QueueMember`: penalty -1 when the agent left the queue. */
export const QueueMemberPayload = z.object({
  agentId: numericId,
  queueId: numericId,
  penalty: z.number().int(),
});
export type QueueMemberPayload = z.infer<typeof QueueMemberPayload>;
export const QueueMemberListPayload = z.array(QueueMemberPayload).max(50_000);

/** `QueueStatistics`: counters of one queue, named by `queueId` or (some versions) `queueRef`. */
export const QueueStatisticsPayload = z
  .object({
    queueId: numericId.optional(),
    queueRef: z.string().min(1).max(200).optional(),
    counters: z
      .array(z.object({ statName: z.string().min(1).max(100), value: z.number().nullish() }))
      .max(200),
  })
  .refine((v) => v.queueId !== undefined || v.queueRef !== undefined, 'names no queue');
export type QueueStatisticsPayload = z.infer<typeof QueueStatisticsPayload>;

// ── The agent's figures ──────────────────────────────────────────────────────────────────────

/** `AgentStatistics`: durations in seconds, counts, or ISO date-times (LoginDateTime). */
export const AgentStatisticsPayload = z.object({
  id: numericId,
  statistics: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        value: z.union([z.number(), z.string().max(100), z.null()]),
      }),
    )
    .max(200),
});
export type AgentStatisticsPayload = z.infer<typeof AgentStatisticsPayload>;

/** `AgentListen`: a supervisor started or stopped listening to an agent. */
export const AgentListenPayload = z.object({
  started: z.boolean(),
  phoneNumber: text,
  agentId: numericId.nullish(),
});

// ── Presence ─────────────────────────────────────────────────────────────────────────────────

/** `VoiceMailStatusUpdate`. */
export const VoiceMailPayload = z.object({
  voiceMailId: z.number().int().nullish(),
  newMessages: count,
  waitingMessages: count.nullish(),
  oldMessages: count.nullish(),
});

/** `UsersStatuses`: the statuses a user may choose (cti server configuration). */
export const UsersStatusesPayload = z
  .array(z.object({ name: z.string().min(1).max(100), longName: text }))
  .max(100);
export type UserStatus = z.infer<typeof UsersStatusesPayload>[number];

/** `UserStatusUpdate`. */
export const UserStatusPayload = z.object({ status: z.string().min(1).max(100) });

// ── Callbacks (api-pages "Callback Events") ──────────────────────────────────────────────────

export const CallbackPeriod = z.object({
  uuid: z.string().min(1).max(100),
  name: text,
  /** "14:00:00" */
  periodStart: z.string().max(20),
  periodEnd: z.string().max(20),
  default: z.boolean().nullish(),
});
export type CallbackPeriod = z.infer<typeof CallbackPeriod>;

export const CallbackRequest = z.object({
  uuid: z.string().min(1).max(100),
  listUuid: text,
  phoneNumber: text,
  mobilePhoneNumber: text,
  firstName: text,
  lastName: text,
  company: text,
  description: text,
  /** The agent who took it; null while anyone may. */
  agentId: numericId.nullish(),
  /** "2016-08-01" */
  dueDate: text,
  preferredPeriod: CallbackPeriod.nullish(),
});
export type CallbackRequest = z.infer<typeof CallbackRequest>;

export const CallbackList = z.object({
  uuid: z.string().min(1).max(100),
  name: text,
  queueId: numericId.nullish(),
  callbacks: z.array(CallbackRequest).max(5000),
});
export type CallbackList = z.infer<typeof CallbackList>;

/** The page shows one list; assumed: several come as an array (both are read). */
export const CallbackListsPayload = oneOrMany(CallbackList);
export const CallbackTakenPayload = z.object({
  uuid: z.string().min(1),
  agentId: numericId.nullish(),
});
/** `CallbackReleased` and `CallbackClotured`. */
export const CallbackUuidPayload = z.object({ uuid: z.string().min(1) });
export const CallbackStartedPayload = z.object({
  requestUuid: z.string().min(1),
  ticketUuid: text,
});
export const CallbackUpdatedPayload = z.object({ request: CallbackRequest });
/** `PreferredCallbackPeriodList` (callback.js getCallbackPreferredPeriods; not on the page). */
export const CallbackPeriodsPayload = z.array(CallbackPeriod).max(100);

// ── Screen-pop sheet (api-pages "Sheet") ─────────────────────────────────────────────────────

const SheetField = z.object({
  name: text,
  value: text,
  content: text,
  order: z.number().nullish(),
  type: text,
});

/**
 * `Sheet`: the payload's `internal` fields name the call (`uid`), its `sheetInfo` fields hold
 * the pages to open (`type: "url"`). A compressed payload (a string) is not readable here.
 */
export const SheetPayload = z.object({
  payload: z.union([
    z.string(),
    z.object({
      profile: z.object({
        user: z.object({
          internal: z.array(SheetField).max(100).nullish(),
          sheetInfo: z.array(SheetField).max(100).nullish(),
        }),
      }),
    }),
  ]),
  channel: text,
});
export type SheetPayload = z.infer<typeof SheetPayload>;
