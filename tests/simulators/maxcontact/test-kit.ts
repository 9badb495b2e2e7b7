/**
 * Shared fixtures for the MaxContact adapter tests: the in-process simulator, an adapter with
 * short poll intervals, and test contexts whose header rule is applied to fetch the way the
 * background's declarativeNetRequest rule is in the browser.
 */
import type { CallUpdate } from '../../../utils/cti/model';
import { createTestContext, type TestContext } from '../shared/context';
import { startMaxContactSimulator, type MaxContactSimOptions, type MaxContactSimulator } from '.';
import {
  MaxContactAdapter,
  type MaxContactConfig,
} from '../../../utils/cti/vendors/maxcontact/adapter';
import { ASSUMED_PATHS } from '../../../utils/cti/vendors/maxcontact/paths';

export const CREDENTIALS = { username: '1001', password: 'secret' };

/** MaxContact speaks HTTP only; the context type still asks for a WebSocket. */
class NoWebSocket {
  constructor() {
    throw new Error('MaxContact uses no WebSocket');
  }
}

export interface Rig {
  sim: MaxContactSimulator;
  config: MaxContactConfig;
  adapter: MaxContactAdapter;
  newAdapter(): MaxContactAdapter;
  newContext(o?: Partial<Parameters<typeof createTestContext>[0]>): TestContext;
  close(): Promise<void>;
}

export async function startRig(
  opts: { config?: Partial<MaxContactConfig>; sim?: MaxContactSimOptions } = {},
): Promise<Rig> {
  const sim = await startMaxContactSimulator({ dialAnswerMs: 20, ...opts.sim });
  const config: MaxContactConfig = {
    baseUrl: sim.url,
    userId: '',
    dialFormat: 'e164',
    defaultCountry: 'GB',
    transferResultCode: '',
    ...ASSUMED_PATHS,
    leadPhoneIdField: 'LeadPhoneID',
    // Short intervals keep the tests quick; nothing asserts on time.
    pollIntervalMs: 20,
    idlePollIntervalMs: 40,
    ...opts.config,
  };
  const adapters: MaxContactAdapter[] = [];
  const newAdapter = () => {
    const adapter = new MaxContactAdapter(config);
    adapters.push(adapter);
    return adapter;
  };
  return {
    sim,
    config,
    adapter: newAdapter(),
    newAdapter,
    newContext: (o = {}) =>
      createTestContext({
        credentials: CREDENTIALS,
        fetch: globalThis.fetch,
        WebSocket: NoWebSocket as unknown as typeof WebSocket,
        ...o,
      }),
    close: async () => {
      for (const adapter of adapters) await adapter.disconnect();
      await sim.close();
    },
  };
}

/** Connect and resync, as the session does; resolves with the context after the snapshot. */
export async function signedIn(
  rig: Rig,
  o: Partial<Parameters<typeof createTestContext>[0]> = {},
  adapter = rig.adapter,
): Promise<TestContext> {
  const t = rig.newContext(o);
  await adapter.connect(t.ctx);
  await adapter.resync();
  await t.next('callsSnapshot');
  return t;
}

/** A call delivered by the platform and connected (listed on a second poll). */
export async function connectedCall(
  rig: Rig,
  t: TestContext,
  from = '+441632960123',
): Promise<CallUpdate> {
  const { CallId } = rig.sim.inboundCall({ from, name: 'Oliver Smith' });
  return (
    await t.next(
      'callUpsert',
      (e) => e.call.vendorCallId === String(CallId) && e.call.state === 'connected',
    )
  ).call;
}
