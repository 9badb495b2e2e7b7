/**
 * A small Logger for the background. DESIGN.md "Security rules": tokens and passwords are never
 * logged. Callers should not pass them, but details often carry whole objects (settings, frames,
 * errors), so every detail is redacted by key and every string by pattern before it reaches the sink.
 */
import type { Logger } from './adapter';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerOptions {
  /** Messages below this level are dropped. */
  level?: LogLevel;
  sink?: Pick<Console, LogLevel>;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const REDACTED = '[redacted]';
/** Keys whose values are secrets whatever they hold. */
const SECRET_KEY = /pass|secret|token|auth|cookie|credential|session|api[-_]?key|pin$/i;
/** Secrets inside free text: `password=…`, `"token":"…"`, `Authorization: Bearer …`. */
const SECRET_IN_TEXT = [
  /((?:pass\w*|secret|token|auth\w*|cookie|session\w*|api[-_]?key)["']?\s*[:=]\s*["']?)(?:(?:bearer|basic)\s+)?[^"'&\s,;}]+/gi,
  /((?:bearer|basic)\s+)[\w.~+/=-]+/gi,
];
const MAX_STRING = 500;
const MAX_DEPTH = 4;

export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_IN_TEXT) out = out.replace(pattern, `$1${REDACTED}`);
  return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}…` : out;
}

/** A copy of `value` that is safe to log: secret keys masked, strings scrubbed, depth bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    // Only the name, code and message: a cause or stack may quote a request with its headers.
    return {
      name: value.name,
      ...(code === undefined ? {} : { code }),
      message: redactText(value.message),
    };
  }
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

export function createLogger(scope: string, options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? console;
  const threshold = ORDER[options.level ?? 'debug'];
  const write = (level: LogLevel) => (message: string, details?: unknown) => {
    if (ORDER[level] < threshold) return;
    const line = `[switchboard:${scope}] ${redactText(message)}`;
    if (details === undefined) sink[level](line);
    else sink[level](line, redact(details));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** For tests and for code that must not log at all. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
