/**
 * The telephony requests MaxContact v1.8 lists without giving their URLs (vendors/README.md §3.4:
 * "Go Not Ready", "Request Break", "Log Out", "Transfer To User", "Complete Transfer"). Each is a
 * setting holding a path template under `/webservices/services/telephony/`, with `{user}` (the
 * agent's UserID), `{call}` (a CallId) and `{target}` (the user a call goes to) filled in, and an
 * optional `?query` part. The defaults follow the style of the documented paths, as §3.4
 * recommends until a customer confirms them.
 */
import { z } from 'zod';
import type { TelephonyRequest } from './wire';

export type Placeholder = 'user' | 'call' | 'target';

// Assumed: the URLs of the five undocumented requests (§3.4); each is a setting (settings.ts).
export const ASSUMED_PATHS = {
  notReadyPath: 'gonotready/user/{user}',
  breakPath: 'requestbreak/user/{user}',
  logoutPath: 'logout/user/{user}',
  transferToUserPath: 'transfertouser/user/{user}/call/{call}/touser/{target}',
  // Assumed: "Transfer To User" hands the call over by itself; a platform that wants "Complete
  // Transfer" after it gets this path set (e.g. completetransfer/user/{user}/call/{call}).
  completeTransferPath: '',
} as const;
export type AssumedPaths = { -readonly [K in keyof typeof ASSUMED_PATHS]: string };

const SEGMENT = /^[A-Za-z0-9._~-]*(\{(user|call|target)\}[A-Za-z0-9._~-]*)*$/;
const QUERY_PART = /^[A-Za-z0-9._~-]+=[A-Za-z0-9._~{}-]*$/;
const PLACEHOLDER = /\{(user|call|target)\}/g;

/** Why `template` is not a usable path, or undefined. */
function problemOf(template: string, needs: readonly Placeholder[]): string | undefined {
  const [path = '', query, extra] = template.split('?');
  if (extra !== undefined) return 'Use at most one ?';
  const segments = path.split('/');
  if (!segments[0] || !/^[A-Za-z0-9_-]+$/.test(segments[0])) {
    return 'Start with the request name, e.g. gonotready/user/{user}';
  }
  if (segments.some((s) => s === '' || !SEGMENT.test(s))) {
    return 'Use letters, digits, / and the placeholders {user}, {call}, {target}';
  }
  if (query !== undefined && !query.split('&').every((p) => QUERY_PART.test(p))) {
    return 'Write the query as name={placeholder}&name=value';
  }
  const missing = needs.filter((p) => !template.includes(`{${p}}`));
  return missing.length
    ? `The path must contain ${missing.map((p) => `{${p}}`).join(' and ')}`
    : undefined;
}

/** A path template setting: `needs` lists the placeholders it must contain; '' only when `optional`. */
export function pathTemplate(fallback: string, needs: readonly Placeholder[], optional = false) {
  return z
    .string()
    .trim()
    .max(200)
    .superRefine((value, ctx) => {
      if (value === '' && optional) return;
      const problem = problemOf(value, needs);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(fallback);
}

/** The request a template stands for, with its placeholders filled in. */
export function expandPath(
  template: string,
  values: Partial<Record<Placeholder, string>>,
): TelephonyRequest {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, key: Placeholder) => values[key] ?? '');
  const [path = '', query] = template.split('?');
  const segments = path.split('/').map(fill);
  const entries = query ? query.split('&').map((p) => p.split('=', 2) as [string, string?]) : [];
  return {
    method: segments[0] ?? '',
    segments,
    ...(entries.length
      ? { query: Object.fromEntries(entries.map(([k, v = '']) => [k, fill(v)])) }
      : {}),
  };
}
