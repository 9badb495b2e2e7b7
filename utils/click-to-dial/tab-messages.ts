/**
 * Messages the background sends to the click-to-dial content script of a tab (the reverse of
 * `ContentMessage` in utils/messaging.ts). Plain types, no zod: the content script must stay
 * small, and `runtime.onMessage` in a content script only ever hears this extension, never the
 * page. The content script still checks the shape before acting on one.
 *
 * Both come from a trusted gesture the browser itself reported to the background: the "Call
 * <number>" context-menu item or the "Dial selected number" keyboard command.
 */
export type TabMessage =
  /**
   * The text selected in this frame. A frame with an empty selection does not answer (so that
   * the frame that has one wins); the answer is `TabSelection`.
   */
  | { type: 'tab/selection' }
  /**
   * Show the call button in its "confirm" state for this number (settings
   * `confirmInternational`), next to the selection when there is one, else at the top of the
   * viewport; the agent's trusted click on it sends the usual `content/dial`. Answered by the
   * top frame only, with `{ shown: boolean }`.
   */
  | { type: 'tab/confirmDial'; e164: string; extension?: string };

export interface TabSelection {
  text: string;
}

export interface ConfirmShown {
  shown: boolean;
}

/** True for a well-formed `TabMessage`; anything else is ignored. */
export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'tab/selection') return true;
  return (
    message.type === 'tab/confirmDial' &&
    typeof message.e164 === 'string' &&
    /^\+[1-9]\d{6,14}$/.test(message.e164) &&
    (message.extension === undefined ||
      (typeof message.extension === 'string' && /^\d{1,8}$/.test(message.extension)))
  );
}
