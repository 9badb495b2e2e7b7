import {
  COLLEAGUE,
  DEFAULT_EXTENSIONS,
  startCcsSimulator,
  type CcsSimulator,
  type RestRecord,
} from '../simulators/ccs';
import { signInWithToken, useCcs } from './ccs-helpers';
import { clickToDial, expect, openSidePanel, tabsAt, test } from './fixtures';

let sim: CcsSimulator;
test.beforeEach(async () => {
  sim = await startCcsSimulator();
});
test.afterEach(async () => {
  await sim.close();
});

const POPPED = (crm: string) => ({
  screenPop: {
    rules: [
      {
        id: 'crm',
        trigger: 'ringing',
        direction: 'inbound',
        url: `${crm}?phone={e164}&name={name}`,
      },
    ],
  },
});
const request = (name: string) => (r: RestRecord) =>
  r.method === 'POST' && (r.body as { request?: unknown } | undefined)?.request === name;

test('sign in with an API token, pop the CRM once for a call, hang up with kill', async ({
  ext,
  pages,
}) => {
  const crm = `${pages.url}/contacts`;
  await useCcs(ext, sim, POPPED(crm));
  const popup = await signInWithToken(ext, sim);
  // The token went to REST as Bearer and to the socket's connect frame (vendors/README.md §5.2).
  expect(await sim.waitForFrame((f) => (f as { request?: unknown }).request === 'connect')).toEqual(
    { request: 'connect', token: sim.extension.token },
  );

  const call = sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'Q386' });
  await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
  expect(tabsAt(ext, crm)[0]!.url()).toBe(`${crm}?phone=%2B33123456789&name=Camille%20Dubois`);
  // Exact: the screen reader's announcement of the ringing call holds the name too.
  await expect(popup.getByText('Camille Dubois', { exact: true })).toBeVisible();
  // CCS cannot answer or hold (§5.7): the panel offers neither.
  await expect(popup.getByRole('button', { name: 'Answer' })).toHaveCount(0);

  // The same call again, and a reconnect that resyncs it: still one pop.
  call.repeatLastEvent();
  const resyncs = () => sim.received.filter((r) => r.kind === 'rest' && r.path === '/calls').length;
  const before = resyncs();
  sim.dropSockets();
  await expect.poll(resyncs).toBeGreaterThan(before);
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();

  // Picked up on the phone: what a connected CCS call offers, and nothing it cannot do.
  call.answer();
  await expect(popup.getByRole('button', { name: 'Pause recording' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Transfer' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Hold' })).toHaveCount(0);
  await popup.getByRole('button', { name: 'Hang up' }).click();
  expect((await sim.waitForRequest(request('kill'))).path).toBe(`/calls/${call.callId}`);
  await expect(popup.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  await popup.waitForTimeout(1000);
  expect(tabsAt(ext, crm)).toHaveLength(1);
});

test('click-to-dial on a CRM page sends dial with the number and the outbound queue', async ({
  ext,
  pages,
}) => {
  await useCcs(ext, sim);
  await signInWithToken(ext, sim);
  await clickToDial(ext, pages);
  const dial = await sim.waitForRequest(request('dial'));
  expect(dial).toMatchObject({
    path: `/tenants/${sim.tenantId}/extensions/${sim.extension.uuid}`,
    body: { request: 'dial', target: '33123456789', outbound_queue_uuid: sim.outboundQueueId },
  });
});

test('without call events on the socket, polling still shows and pops a ringing call', async ({
  ext,
  pages,
}) => {
  const crm = `${pages.url}/contacts`;
  await useCcs(ext, sim, POPPED(crm));
  const popup = await signInWithToken(ext, sim);
  sim.silentEvents(true);
  sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois' });
  await expect(popup.getByText('Camille Dubois', { exact: true })).toBeVisible();
  await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
  // Still ringing: the agent can refuse it.
  await expect(popup.getByRole('button', { name: 'Decline' })).toBeVisible();
});

test('send a ringing, then a connected call to a queue chosen by name (wait_redirect)', async ({
  ext,
}) => {
  await useCcs(ext, sim);
  const popup = await signInWithToken(ext, sim);
  const [, q386] = sim.acds;
  const controls = popup.getByRole('group', { name: 'Call controls' });
  const form = popup.getByRole('form', { name: 'Send to queue' });
  // The live call's card, not the recent-calls list that keeps the ended one.
  const card = popup.locator('article.sb-call');

  for (const answered of [false, true]) {
    const call = sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois' });
    await expect(card.getByText('Camille Dubois')).toBeVisible();
    if (answered) {
      call.answer();
      await expect(controls.getByRole('button', { name: 'Pause recording' })).toBeVisible();
    }
    await controls.getByRole('button', { name: 'Send to queue' }).click();
    // The queues are the tenant's ACDs by name (api-pages §4.6); the agent never sees a uuid.
    await form.getByLabel('Queue').selectOption({ label: 'Q386' });
    await form.getByRole('button', { name: 'Send to queue' }).click();
    const redirect = await sim.waitForRequest(request('wait_redirect'));
    expect(redirect).toMatchObject({
      path: `/calls/${call.callId}`,
      body: { request: 'wait_redirect', target: q386!.uuid },
    });
    // The queue took the call: it leaves the popup.
    await expect(card).toHaveCount(0);
    await expect(controls).toHaveCount(0);
  }
});

test('transfer a connected call to a colleague found by name in the side panel’s directory', async ({
  ext,
}) => {
  // A tenant with a colleague to transfer to (api-pages §4.8's Sonny Patel).
  const team = await startCcsSimulator({ extensions: [...DEFAULT_EXTENSIONS, COLLEAGUE] });
  try {
    await useCcs(ext, team);
    await signInWithToken(ext, team);
    const panel = await openSidePanel(ext);
    const call = team.inboundCall({ from: '+33123456789', name: 'Camille Dubois' });
    await expect(panel.locator('article.sb-call').getByText('Camille Dubois')).toBeVisible();
    // Picked up on the phone: a connected call can be transferred (wait_transfer, §4.25).
    call.answer();
    await expect(panel.getByRole('button', { name: 'Pause recording' })).toBeVisible();

    await panel.getByRole('tab', { name: 'Directory' }).click();
    await panel.getByLabel('Search the directory').fill('Sonny');
    const transfer = panel.getByRole('button', {
      name: `Transfer to Sonny Patel on ${COLLEAGUE.extension}`,
    });
    await expect(transfer).toBeVisible();
    await expect(panel.getByText('1 found', { exact: true })).toBeVisible();
    await transfer.click();
    const sent = await team.waitForRequest(request('wait_transfer'));
    expect(sent).toMatchObject({
      path: `/calls/${call.callId}`,
      body: { request: 'wait_transfer', target: COLLEAGUE.extension },
    });
    // The colleague has the call: it leaves the agent's panel.
    await expect(panel.locator('article.sb-call')).toHaveCount(0);
  } finally {
    await team.close();
  }
});
