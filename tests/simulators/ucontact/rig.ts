/**
 * A uContact adapter signed in to a fresh simulator, for the adapter's own tests: the portal's
 * messages reach `receive` as the session hands them over. `cleanup` stops both.
 */
import type { UcontactAdapter } from '../../../utils/cti/vendors/ucontact/adapter';
import { ucontact } from '../../../utils/cti/vendors/ucontact';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/settings/schema';
import { createTestContext, type TestContext } from '../shared/context';
import { API_TOKEN, DEFAULT_AGENT, startUcontactSimulator, type UcontactSimulator } from '.';

export interface RigOptions {
  bearer?: boolean;
  /** Stands in for the network between the adapter and the simulator. */
  fetch?: typeof fetch;
  /** Settings of `connection.ucontact` to change. */
  connection?: Partial<Settings['connection']['ucontact']>;
  /** Before the adapter connects (a route forbidden from the start). */
  before?(sim: UcontactSimulator): void;
}

export interface UcontactRig {
  sim: UcontactSimulator;
  adapter: UcontactAdapter;
  t: TestContext;
}

export async function signedInUcontact(
  o: RigOptions,
  cleanups: (() => Promise<void>)[],
): Promise<UcontactRig> {
  const sim = await startUcontactSimulator();
  cleanups.push(() => sim.close());
  o.before?.(sim);
  const settings = structuredClone(DEFAULT_SETTINGS);
  const c = settings.connection.ucontact;
  c.baseUrl = sim.url;
  c.portalOrigin = sim.url;
  c.campaign = 'Sales->';
  // Long: nothing depends on the assumed answer unless a test says so.
  c.assumeConnectedMs = 60_000;
  if (o.bearer) {
    c.authScheme = 'bearer';
    c.extension = DEFAULT_AGENT.extension;
  }
  Object.assign(c, o.connection);
  const adapter = ucontact.create(settings) as UcontactAdapter;
  const t = createTestContext({
    credentials: o.bearer
      ? { agent: DEFAULT_AGENT.agent, token: API_TOKEN }
      : { agent: DEFAULT_AGENT.agent, password: DEFAULT_AGENT.password },
    fetch: o.fetch ?? globalThis.fetch,
  });
  // What the session does with the portal bridge's messages.
  const unsubscribe = sim.onPortal((message) => adapter.receive('portal', message));
  cleanups.push(async () => {
    unsubscribe();
    await adapter.disconnect();
  });
  await adapter.connect(t.ctx);
  return { sim, adapter, t };
}
