/**
 * The checks of the messages the background receives (utils/messaging.ts declares the protocol):
 * `panel/*` from extension pages and `content/*` from content scripts, each a zod schema built
 * the first time it is asked for. Only the background loads this file: the content script and the
 * panel's first paint carry no zod (docs/architecture.md).
 */
import { z } from 'zod';
import { Command, MAX_TIME_MS } from './cti/model';

/** A zod schema built the first time it is asked for. */
function lazily<T>(build: () => T): () => T {
  let schema: T | undefined;
  return () => (schema ??= build());
}

// ── panel → background ────────────────────────────────────────────────────────────────────────

const panelMessage = lazily(() => {
  const Strings = z.record(z.string().max(100), z.string().max(2000));
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('panel/getState') }),
    z.object({
      type: z.literal('panel/signIn'),
      credentials: Strings,
      /** Values of the visible connection fields (server…), saved as the user's settings. */
      connection: Strings,
    }),
    z.object({ type: z.literal('panel/signOut') }),
    z.object({ type: z.literal('panel/command'), command: Command }),
    z.object({ type: z.literal('panel/dismissNotice'), id: z.string() }),
    /** The agent's action on an outbox item (`OutboxEntry.key`); discard is confirmed first. */
    z.object({
      type: z.literal('panel/outbox'),
      key: z.string().min(1).max(100),
      action: z.enum(['retry', 'discard']),
    }),
    /** A corrected disposition for an outbox item, sent again. */
    z.object({
      type: z.literal('panel/outboxEdit'),
      key: z.string().min(1).max(100),
      code: z.string().min(1).max(200),
      notes: z.string().max(4000).default(''),
      callbackAt: z.number().int().min(0).max(MAX_TIME_MS).optional(),
    }),
    /** Open the CRM record of a live call by its `manual` screen-pop rule. */
    z.object({ type: z.literal('panel/popRecord'), callId: z.string().min(1).max(200) }),
    /** The agent's answer to a dial waiting for confirmation (`PanelState.dialConfirmations`). */
    z.object({
      type: z.literal('panel/confirmDial'),
      id: z.string().min(1).max(100),
      call: z.boolean(),
    }),
    /**
     * Search the directory (the vendor's and the speed-dial list) for dial and transfer targets;
     * an empty term lists favourites and speed dial. Answered with `Found<DirectoryEntry>`.
     */
    z.object({ type: z.literal('panel/directory'), term: z.string().max(100) }),
    /** The history merged with the vendor's own records; answered with `Found<HistoryEntry>`. */
    z.object({ type: z.literal('panel/history') }),
    /**
     * Open the panel in its own window, or bring it to the front (background/pop-out.ts), kept
     * inside `screen`: the usable area of the screen the agent asked from.
     */
    z.object({
      type: z.literal('panel/popOut'),
      screen: z.object({
        left: z.number().int().min(-100_000).max(100_000),
        top: z.number().int().min(-100_000).max(100_000),
        width: z.number().int().min(1).max(100_000),
        height: z.number().int().min(1).max(100_000),
      }),
    }),
    /** The settings in force (`ResolvedSettings`), for the options page. */
    z.object({ type: z.literal('panel/getSettings') }),
    /**
     * Merge `patch` into the agent's values; the background refuses invalid values and skips
     * what policy locks. Answered with the `ResolvedSettings` after the save.
     */
    z.object({
      type: z.literal('panel/saveSettings'),
      patch: z.record(z.string().max(100), z.unknown()),
    }),
    /** What support needs to see (`DiagnosticsReport`): the diagnostics page asks for it. */
    z.object({ type: z.literal('panel/diagnostics') }),
  ]);
});
export type PanelMessage = z.input<ReturnType<typeof panelMessage>>;
/** A `PanelMessage` as the check returns it, defaults filled in. */
export type CheckedPanelMessage = z.output<ReturnType<typeof panelMessage>>;

/** Checks a message from an extension page. */
export const parsePanelMessage = (value: unknown) => panelMessage().safeParse(value);

// ── content script → background ──────────────────────────────────────────────────────────────

const contentMessage = lazily(() =>
  z.discriminatedUnion('type', [
    /** Sent only after a trusted click on our own button; the number is already E.164. */
    z.object({
      type: z.literal('content/dial'),
      e164: z.string().regex(/^\+[1-9][0-9]{6,14}$/),
      extension: z
        .string()
        .regex(/^[0-9]{1,8}$/)
        .optional(),
    }),
    /**
     * An event the vendor's own page posted (`VendorDescriptor.pageEvents`: uContact's agent
     * portal), from the page-event bridge. The background accepts it only from a tab on the
     * configured origin; the adapter validates the payload with its wire schema. It only reports
     * what the page says: it can never start a command.
     */
    z.object({
      type: z.literal('content/portalEvent'),
      payload: z.record(z.string().max(100), z.unknown()),
    }),
    /** The `ContentConfig` in force, asked for when the frame starts; answered with it. */
    z.object({ type: z.literal('content/config') }),
  ]),
);
export type ContentMessage = z.input<ReturnType<typeof contentMessage>>;
/** A `ContentMessage` as the check returns it. */
export type CheckedContentMessage = z.output<ReturnType<typeof contentMessage>>;

/** Checks a message from a content script (an untrusted page's frame). */
export const parseContentMessage = (value: unknown) => contentMessage().safeParse(value);
