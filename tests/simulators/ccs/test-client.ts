/**
 * A bare CCS client for testing the simulator itself: REST with a token, the event socket, and a
 * record of every server frame. (The adapter has its own tests; this one must not depend on it.)
 */
import WebSocket from 'ws';
import { Recorder } from '../shared/recorder';
import type { CcsSimulator } from './types';

export interface SimTestClient {
  /** JSON frames, parsed; plain text (`pong`) as strings. */
  frames: Recorder<unknown>;
  send(frame: unknown): void;
  closed: Promise<number>;
  close(): void;
}

export async function api(
  sim: CcsSimulator,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const token = init.token === undefined ? sim.extension.token : init.token;
  const res = await fetch(`${sim.url}/6/v2/api${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(init.body !== undefined
      ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
      : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the test to look at.
  }
  return { status: res.status, body, headers: res.headers };
}

/** Opens the socket; sends `connect` with `token` unless it is null. */
export async function connectSocket(
  sim: CcsSimulator,
  token: string | null = sim.extension.token,
): Promise<SimTestClient> {
  const ws = new WebSocket(`${sim.url.replace(/^http/, 'ws')}/6/v2/sock`);
  const frames = new Recorder<unknown>();
  ws.on('message', (data) => {
    const text = String(data);
    try {
      frames.record(JSON.parse(text));
    } catch {
      frames.record(text);
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const send = (frame: unknown) =>
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  if (token !== null) {
    send({ request: 'connect', token });
    // The socket is accepted once a ping is answered.
    send('ping');
    await frames.waitFor((f) => f === 'pong');
  }
  return { frames, send, closed, close: () => ws.close() };
}
