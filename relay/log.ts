/**
 * A tiny structured logger: one JSON line per entry. The relay never passes tokens, secrets, hook
 * paths or Authorization headers to it; `fields` carry only counts, reasons and agent identities.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createLogger(
  write: (line: string) => void = (l) => process.stdout.write(l),
): Logger {
  const entry = (level: LogLevel) => (msg: string, fields?: LogFields) =>
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }) + '\n');
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}

/** Keeps entries in memory: tests read them (and check that no secret ever reaches a log line). */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createLogger((l) => lines.push(l)) };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
