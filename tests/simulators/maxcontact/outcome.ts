/** What a simulated telephony method answers: server.ts wraps it in a CallActionResponse. */
export type Outcome = { ok: true; data?: unknown } | { ok: false; detail: string };
export const ok = (data?: unknown): Outcome => ({ ok: true, data });
export const no = (detail: string): Outcome => ({ ok: false, detail });
