/**
 * XiVO's connection settings (`connection.xivo`, vendors/README.md §1), with their labels and
 * their policy descriptions.
 */
import { z } from 'zod';
import { defineConnection } from '../../vendor';
import * as shared from '../shared/settings';

const XivoConnection = z.object({
  /** Base URL of the xuc server, e.g. https://xuc.example.com:8090 */
  server: shared.httpUrl.default(''),
  /** How numbers are written in the dial frame: PBX dial plans differ. */
  dialFormat: shared.dialFormat('e164'),
  /** Prepended to every dialled external number (an outside-line digit such as 0 or 9). */
  dialPrefix: shared.dialPrefix,
  /**
   * The time zone of the times xuc writes (the call history, callback due dates and periods):
   * the page does not say which zone; assumed the server's. '' = this browser's.
   */
  historyTimeZone: z
    .string()
    .trim()
    .max(64)
    .refine(isTimeZone, 'Enter a time zone such as Europe/Paris, or leave it empty')
    .default(''),
  /** Whose call history to read: the user's line (getUserCallHistory) or the agent's. */
  historySource: z.enum(['user', 'agent']).default('user'),
  /**
   * Assumed (the page gives no figure): how long xuc may take to answer a request (a directory
   * search, the call history, a queue or callback change). xuc sends nothing when a queue change
   * fails, so this is also how long the agent waits to hear that it was not confirmed.
   */
  answerTimeoutS: z.number().int().min(2).max(60).default(10),
  /** Assumed: the penalty an agent joins a queue with (setAgentQueue); 0 = first in line. */
  queuePenalty: z.number().int().min(0).max(100).default(0),
});

function isTimeZone(value: string): boolean {
  if (value === '') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const xivoConnection = defineConnection({
  schema: XivoConnection,
  policy: 'XiVO CC (xuc CTI server) connection.',
  fields: {
    server: shared.serverUrlText(
      'https://xuc.example.com:8090',
      'Base URL of the server, e.g. https://xuc.example.com:8090',
      'Base URL of the xuc server, e.g. https://xuc.example.com:8090',
    ),
    dialFormat: shared.dialFormatText(
      'How numbers are written in dial requests, to suit the PBX dial plan: e164 (+33123456789), national (0123456789) or digits (33123456789).',
    ),
    dialPrefix: shared.dialPrefixText('0 or 9'),
    historyTimeZone: {
      label: 'Server time zone',
      hint: 'The XiVO server’s time zone, e.g. Europe/Paris; empty: this computer’s.',
      policy:
        'The time zone (IANA name, e.g. Europe/Paris) of the times XiVO writes: its call history (the panel’s history, and the calls missed during a lost connection) and callback due dates. Empty: the browser’s own.',
    },
    historySource: {
      label: 'Call history',
      hint: 'Whose calls XiVO lists: your line’s (user) or your agent’s (agent).',
      policy:
        'Which XiVO call history Switchboard reads: user (getUserCallHistory, every call of the agent’s line) or agent (getAgentCallHistory, the calls the agent handled).',
      options: { user: 'Your line (user)', agent: 'Your agent (agent)' },
    },
    answerTimeoutS: {
      label: 'Answer timeout (seconds)',
      hint: 'How long to wait for XiVO to answer a search or confirm a change.',
      policy:
        'Seconds (2–60, default 10) Switchboard waits for XiVO to answer a request: a directory search, the call history, joining or leaving a queue, taking or moving a callback, do-not-disturb and forwarding. XiVO sends nothing when a queue change fails, so after this time the agent is told the change was not confirmed.',
      inputMode: 'numeric',
    },
    queuePenalty: {
      label: 'Queue penalty',
      hint: 'The penalty you join a queue with: 0 takes calls first.',
      policy:
        'The penalty (0–100, default 0) an agent joins a XiVO queue with from the panel (setAgentQueue); agents with a lower penalty get the queue’s calls first.',
      inputMode: 'numeric',
    },
  },
});
