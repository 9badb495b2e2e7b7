/**
 * A bare xuc client for testing the simulator itself: REST login, the CTI socket, and a record
 * of every server frame. (The adapter has its own tests; this one must not depend on it.)
 */
import WebSocket from 'ws';
import { Recorder } from '../shared/recorder';
import type { XivoSimulator } from './types';

export interface ServerFrame {
  msgType: string;
  ctiMessage: Record<string, unknown> & { events?: Record<string, unknown>[] };
}

export interface SimTestClient {
  frames: Recorder<ServerFrame>;
  /** Text frames that were not JSON. */
  raw: string[];
  send(frame: Record<string, unknown>): void;
  next(
    msgType: string,
    pred?: (m: ServerFrame['ctiMessage']) => boolean,
  ): Promise<ServerFrame['ctiMessage']>;
  closed: Promise<number>;
  close(): void;
}

export async function loginToken(
  sim: XivoSimulator,
  login = 'alice',
  password = 'secret',
): Promise<string> {
  const res = await fetch(`${sim.url}/xuc/api/2.0/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body.token;
}

export async function connectClient(sim: XivoSimulator, token: string): Promise<SimTestClient> {
  const ws = new WebSocket(`${sim.url.replace(/^http/, 'ws')}/xuc/api/2.0/cti?token=${token}`);
  const frames = new Recorder<ServerFrame>();
  const raw: string[] = [];
  ws.on('message', (data) => {
    const text = String(data);
    try {
      frames.record(JSON.parse(text) as ServerFrame);
    } catch {
      raw.push(text);
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    frames,
    raw,
    send: (frame) => ws.send(JSON.stringify(frame)),
    next: async (msgType, pred) =>
      (await frames.waitFor((f) => f.msgType === msgType && (!pred || pred(f.ctiMessage))))
        .ctiMessage,
    closed,
    close: () => ws.close(),
  };
}

/** A client command frame (vendors/README.md §1.6). */
export const web = (command: string, args: Record<string, unknown> = {}) => ({
  claz: 'web',
  command,
  ...args,
});
