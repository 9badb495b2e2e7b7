/**
 * Every vendor's wire, fuzzed through its adapter (issue: "arbitrary and mutated frames give
 * protocolError, never a throw"). The vendors are the ones the conformance suite runs: each
 * `tests/conformance/<vendor>.test.ts` hands `defineConformanceSuite` a harness (simulator,
 * adapter, transport), which this file borrows, so a new vendor is fuzzed without an edit here.
 *
 * Per vendor, against its simulator: a short scenario (sign-in, a call rung, answered, hung up)
 * records the real frames, HTTP answers and page events the vendor sent; then generated input
 * goes through the same entry points the real traffic used:
 *
 * - socket frames: arbitrary text, arbitrary JSON, and mutations of the recorded frames, handed
 *   to the adapter's own `message` listener (the relay's socket for webhook vendors);
 * - HTTP answers: every request of a resync answered with a mutation of the answer the simulator
 *   gave to the same path, or arbitrary JSON, or text; resync may fail only with a CtiError;
 * - sign-in: the same for the answers of `connect`, which may fail only with a CtiError;
 * - page events (`receive`), for vendors that take them.
 *
 * Every event the adapter emits must be one the core can act on (well-formed calls and agent
 * states, errors with a message); nothing may throw, synchronously or in a promise.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VendorAdapter } from '../../utils/cti/adapter';
import { CtiError, type CtiEvent } from '../../utils/cti/model';
import type { ConformanceHarness, ConformanceRig } from '../conformance/harness';
import { createTestContext, type TestContext } from '../simulators/shared/context';
import { checkAsyncProperty } from '../support/property';
import {
  expectWellFormed,
  settle,
  tapWebSocket,
  watchRejections,
  type Tap,
} from './support/adapter';
import {
  anyJson,
  applyMutation,
  frameText,
  mutated,
  mutation,
  type Json,
  type Mutation,
} from './support/json';

// The conformance files call `defineConformanceSuite(harness)` when imported: capture the harness
// instead of defining their tests a second time.
const harnesses = vi.hoisted(() => [] as ConformanceHarness[]);
vi.mock('../conformance/suite', () => ({
  defineConformanceSuite: (harness: ConformanceHarness) => harnesses.push(harness),
}));

const here = dirname(fileURLToPath(import.meta.url));
const conformanceDir = join(here, '../conformance');
const harnessFiles = readdirSync(conformanceDir).filter(
  (f) =>
    f.endsWith('.test.ts') &&
    readFileSync(join(conformanceDir, f), 'utf8').includes('defineConformanceSuite('),
);

/**
 * Cases per vendor, 10,000 in all: sign-in answers and page events (for vendors that take them)
 * first, then HTTP answers of a resync (for vendors whose resync asks over HTTP), and the rest
 * socket frames; a vendor without a socket gives those to its HTTP answers.
 */
const TOTAL = 10_000;
const RUNS = { signIn: 150, page: 1_000, http: 3_000 };

function plan(f: VendorFuzz): { frames: number; http: number; signIn: number; page: number } {
  const sockets = f.socketFrames().length > 0;
  const receives = f.live.adapter.receive !== undefined;
  const page = receives ? RUNS.page : 0;
  const http = f.resyncUsesHttp ? RUNS.http : 0;
  const rest = TOTAL - RUNS.signIn - page - http;
  // The rest goes to the socket when there is one, else to the HTTP answers, else to page events.
  if (sockets) return { frames: rest, http, signIn: RUNS.signIn, page };
  if (f.resyncUsesHttp) return { frames: 0, http: http + rest, signIn: RUNS.signIn, page };
  if (receives) return { frames: 0, http: 0, signIn: RUNS.signIn, page: page + rest };
  throw new Error(`${f.harness.name}: no socket, no HTTP resync, no page events to fuzz`);
}

/** One HTTP answer to fake: a mutation of the recorded one, something else, or an error status. */
type Answer =
  | { kind: 'mutated'; mutations: Mutation[] }
  | { kind: 'json'; value: Json }
  | { kind: 'text'; text: string }
  | { kind: 'status'; status: number };

const answer: fc.Arbitrary<Answer> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(mutation, { minLength: 1, maxLength: 3 })
      .map((mutations) => ({ kind: 'mutated' as const, mutations })),
  },
  { weight: 2, arbitrary: anyJson.map((value) => ({ kind: 'json' as const, value })) },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 30 }).map((text) => ({ kind: 'text' as const, text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(204, 400, 401, 403, 404, 429, 500, 502)
      .map((status) => ({ kind: 'status' as const, status })),
  },
);

const pathOf = (input: RequestInfo | URL): string =>
  new URL(input instanceof Request ? input.url : String(input)).pathname;

/** Records every answer by path; while `fake` holds answers, plays them instead of the network. */
function recordingFetch(base: typeof fetch) {
  const recorded = new Map<string, string>();
  const state = { fake: undefined as Answer[] | undefined, used: 0 };
  const wrapped: typeof fetch = async (input, init) => {
    const path = pathOf(input);
    const known = recorded.get(path);
    if (state.fake && known !== undefined) {
      const next = state.fake[state.used++ % state.fake.length]!;
      return fakeResponse(next, known);
    }
    const response = await base(input, init);
    const text = await response.clone().text();
    if (response.ok && text) recorded.set(path, text);
    return response;
  };
  return { fetch: wrapped, recorded, state };
}

function fakeResponse(a: Answer, known: string): Response {
  const json = { 'Content-Type': 'application/json' };
  switch (a.kind) {
    case 'status':
      return new Response(a.status === 204 ? null : '{}', { status: a.status, headers: json });
    case 'text':
      return new Response(a.text, { status: 200, headers: { 'Content-Type': 'text/plain' } });
    case 'json':
      return new Response(JSON.stringify(a.value), { status: 200, headers: json });
    case 'mutated': {
      let base: Json;
      try {
        base = JSON.parse(known) as Json;
      } catch {
        base = known;
      }
      return new Response(JSON.stringify(a.mutations.reduce(applyMutation, base)), {
        status: 200,
        headers: json,
      });
    }
  }
}

/** A CtiError, or the proof that something else escaped. */
function expectCtiError(error: unknown, what: string): void {
  if (error instanceof CtiError) return;
  throw new Error(`${what} failed with something other than a CtiError: ${String(error)}`, {
    cause: error,
  });
}

interface Live {
  adapter: VendorAdapter;
  t: TestContext;
  checked: number;
  lost: boolean;
}

class VendorFuzz {
  rig!: ConformanceRig;
  tap!: Tap;
  http!: ReturnType<typeof recordingFetch>;
  pagePayloads: Json[] = [];
  live!: Live;
  private readonly adapters: VendorAdapter[] = [];
  private seq = 1_000_000;
  reconnects = 0;
  resyncUsesHttp = false;
  /** Page events are recorded during the scenario only. */
  private recording = true;

  constructor(readonly harness: ConformanceHarness) {}

  async start(): Promise<void> {
    this.rig = await this.harness.start();
    this.tap = tapWebSocket(this.rig.transport.WebSocket);
    this.http = recordingFetch(this.rig.transport.fetch);
    this.live = await this.connect();
    await this.scenario();
    this.recording = false;
    this.resyncUsesHttp = await this.probeResync();
  }

  /** Whether a resync asks anything over HTTP (else fuzzing its answers would test nothing). */
  private async probeResync(): Promise<boolean> {
    this.http.state.fake = [{ kind: 'status', status: 500 }];
    this.http.state.used = 0;
    await this.live.adapter.resync().catch(() => undefined);
    const used = this.http.state.used > 0;
    this.http.state.fake = undefined;
    this.live.lost = true; // Start the properties from a fresh connection.
    return used;
  }

  async stop(): Promise<void> {
    for (const adapter of this.adapters) await adapter.disconnect().catch(() => undefined);
    await this.rig.stop();
  }

  /** A fresh adapter, signed in and resynced, its page events recorded. */
  async connect(): Promise<Live> {
    const adapter = this.rig.createAdapter();
    this.adapters.push(adapter);
    const receive = adapter.receive?.bind(adapter);
    if (receive) {
      adapter.receive = (source, payload) => {
        if (this.recording && this.pagePayloads.length < 50)
          this.pagePayloads.push(structuredClone(payload) as Json);
        receive(source, payload);
      };
    }
    const t = createTestContext({
      credentials: this.rig.credentials,
      fetch: this.http.fetch,
      WebSocket: this.tap.WebSocket,
    });
    await adapter.connect(t.ctx);
    await adapter.resync();
    await t.next('callsSnapshot');
    return { adapter, t, checked: 0, lost: false };
  }

  /** Ring, answer and hang up one call, so the recording holds every kind of call traffic. */
  private async scenario(): Promise<void> {
    const { t, adapter } = this.live;
    const { vendorCallId } = await this.rig.sim.ringInbound({
      from: '+33142685300',
      name: 'Camille Dubois',
    });
    const call = (await t.next('callUpsert', (e) => e.call.vendorCallId === vendorCallId)).call;
    if (this.harness.capabilities.commands.includes('answer'))
      await adapter.execute({ type: 'answer', callId: call.id });
    else await this.rig.sim.answerOnDevice(vendorCallId);
    await t.next('callUpsert', (e) => e.call.id === call.id && e.call.state === 'connected');
    await this.rig.sim.remoteHangup(vendorCallId);
    await t.next('callEnded', (e) => e.callId === call.id);
    await adapter.resync();
  }

  /** Checks the events since the last check; notes a lost connection. */
  check(input: unknown): void {
    const events: CtiEvent[] = this.live.t.events.items.slice(this.live.checked);
    this.live.checked = this.live.t.events.items.length;
    expectWellFormed(events, input);
    if (events.some((e) => e.type === 'connectionLost')) this.live.lost = true;
  }

  /** After a case that cost the connection (an error frame, a refused token), sign in again. */
  async ensureConnected(): Promise<void> {
    if (!this.live.lost) return;
    this.reconnects += 1;
    const old = this.live.adapter;
    await old.disconnect().catch(() => undefined);
    this.http.state.fake = undefined;
    this.live = await this.connect();
  }

  /** Relay frames carry a cursor: a fresh one lets a mutated event through the replay check. */
  freshSeq(text: string, fresh: boolean): string {
    if (!fresh) return text;
    try {
      const value = JSON.parse(text) as unknown;
      if (
        value &&
        typeof value === 'object' &&
        typeof (value as { seq?: unknown }).seq === 'number'
      ) {
        (value as { seq: number }).seq = ++this.seq;
        return JSON.stringify(value);
      }
    } catch {
      // Not JSON: sent as it is.
    }
    return text;
  }

  socketFrames(): Json[] {
    return this.tap.received.flatMap((text) => {
      try {
        return [JSON.parse(text) as Json];
      } catch {
        return [text];
      }
    });
  }
}

for (const file of harnessFiles) {
  describe(`wire fuzzing: ${file}`, () => {
    let fuzz: VendorFuzz;
    let rejections: ReturnType<typeof watchRejections>;

    beforeAll(async () => {
      const before = harnesses.length;
      await import(join(conformanceDir, file));
      const harness = harnesses[before];
      if (!harness) throw new Error(`${file} defined no conformance harness`);
      fuzz = new VendorFuzz(harness);
      await fuzz.start();
      rejections = watchRejections();
    }, 60_000);
    afterAll(async () => {
      rejections?.stop();
      console.info(`[fuzz] ${fuzz?.harness.name}: ${fuzz?.reconnects} reconnects`);
      await fuzz?.stop();
    }, 60_000);

    const target = () => `${fuzz.harness.name} wire parser`;

    it('takes arbitrary and mutated socket frames without a throw', async () => {
      const frames = fuzz.socketFrames();
      const numRuns = plan(fuzz).frames;
      if (numRuns === 0) return; // A vendor with no socket: its HTTP answers take these cases.
      await checkAsyncProperty(
        target(),
        fc.asyncProperty(frameText(frames), fc.boolean(), async (text, fresh) => {
          await fuzz.ensureConnected();
          const frame = fuzz.freshSeq(text, fresh);
          fuzz.tap.inject(frame);
          await settle();
          rejections.check();
          fuzz.check(frame);
        }),
        { numRuns, label: 'socket frames: arbitrary, JSON, mutated recordings' },
      );
    }, 240_000);

    it('takes arbitrary and mutated HTTP answers to a resync, failing only with a CtiError', async () => {
      const runs = plan(fuzz).http;
      if (runs === 0) return; // Its resync asks nothing over HTTP; sign-in answers are fuzzed below.
      await checkAsyncProperty(
        target(),
        fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 4 }), async (answers) => {
          await fuzz.ensureConnected();
          fuzz.http.state.fake = answers;
          fuzz.http.state.used = 0;
          try {
            await fuzz.live.adapter.resync();
          } catch (error) {
            expectCtiError(error, 'resync');
          } finally {
            fuzz.http.state.fake = undefined;
          }
          await settle();
          rejections.check();
          fuzz.check(answers);
        }),
        { numRuns: runs, label: 'HTTP answers of a resync' },
      );
    }, 240_000);

    it('takes arbitrary and mutated sign-in answers, failing only with a CtiError', async () => {
      await checkAsyncProperty(
        target(),
        fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 4 }), async (answers) => {
          const adapter = fuzz.rig.createAdapter();
          const t = createTestContext({
            credentials: fuzz.rig.credentials,
            fetch: fuzz.http.fetch,
            WebSocket: fuzz.tap.WebSocket,
          });
          fuzz.http.state.fake = answers;
          fuzz.http.state.used = 0;
          try {
            await adapter.connect(t.ctx);
          } catch (error) {
            expectCtiError(error, 'connect');
          } finally {
            fuzz.http.state.fake = undefined;
            await adapter.disconnect().catch(() => undefined);
          }
          await settle();
          rejections.check();
          expectWellFormed(t.events.items, answers);
        }),
        { numRuns: RUNS.signIn, label: 'sign-in answers' },
      );
    }, 240_000);

    it('takes arbitrary and mutated page events without a throw', async () => {
      const { adapter } = fuzz.live;
      const numRuns = plan(fuzz).page;
      if (!adapter.receive || numRuns === 0) return; // This vendor takes no page events.
      expect(fuzz.pagePayloads.length).toBeGreaterThan(0);
      await checkAsyncProperty(
        target(),
        fc.asyncProperty(
          fc.oneof(
            { weight: 1, arbitrary: anyJson },
            { weight: 4, arbitrary: mutated(fuzz.pagePayloads) },
          ),
          async (payload) => {
            await fuzz.ensureConnected();
            fuzz.live.adapter.receive?.('portal', payload);
            await settle();
            rejections.check();
            fuzz.check(payload);
          },
        ),
        { numRuns, label: 'page events' },
      );
    }, 240_000);
  });
}
