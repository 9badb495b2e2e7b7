/**
 * The diagnostics export: the report as a JSON file for support. Phone numbers are masked in
 * every string and key of it (utils/phone/mask.ts), URLs and free text included, unless the agent
 * asks for them; the structure stays the same either way. Only `about` (the extension's version
 * and the browser, which hold no number of anyone's) and the times added here are left as they
 * are: each record gets its time as an ISO string beside its epoch `at`.
 */
import type { DiagnosticsReport } from '../../utils/messaging';
import { maskPhoneNumbers } from '../../utils/phone/mask';

export const EXPORT_FORMAT = 'switchboard-diagnostics';
export const EXPORT_VERSION = 1;

/** `value` with the phone numbers of every string and key in it masked. */
export function maskTree(value: unknown): unknown {
  if (typeof value === 'string') return maskPhoneNumbers(value);
  if (Array.isArray(value)) return value.map(maskTree);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // Two keys can mask alike ("+33…89" twice): both stay, the second one numbered.
    let masked = maskPhoneNumbers(key);
    for (let n = 2; Object.hasOwn(out, masked); n++) masked = `${maskPhoneNumbers(key)} (${n})`;
    out[masked] = maskTree(item);
  }
  return out;
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** Each record with its time as an ISO string first. */
const timed = (records: readonly unknown[]): unknown[] =>
  records.map((record) => {
    const at = (record as { at?: unknown }).at;
    return typeof at === 'number' && Number.isFinite(at)
      ? { time: iso(at), ...(record as object) }
      : record;
  });

/** The export's content: `includeNumbers` false masks every phone number. */
export function exportContent(report: DiagnosticsReport, includeNumbers: boolean) {
  const { about, ...rest } = report;
  const body = (includeNumbers ? rest : maskTree(rest)) as Omit<DiagnosticsReport, 'about'>;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: iso(report.at),
    phoneNumbers: includeNumbers ? 'included' : 'masked',
    about,
    ...body,
    timeline: timed(body.timeline),
    events: timed(body.events),
    pops: timed(body.pops),
  };
}

export function exportJson(report: DiagnosticsReport, includeNumbers: boolean): string {
  return `${JSON.stringify(exportContent(report, includeNumbers), null, 2)}\n`;
}

/** `switchboard-diagnostics-2026-03-04T15-30-00Z.json`: sorts by time, safe on every system. */
export function exportFileName(report: DiagnosticsReport): string {
  const stamp = iso(report.at)
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `${EXPORT_FORMAT}-${stamp}.json`;
}
