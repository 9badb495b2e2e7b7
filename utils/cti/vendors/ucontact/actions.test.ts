/**
 * uContact's vendor actions (actions.ts) against the simulator: what is offered when, what each
 * sends, and what uContact or the form refuses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signedInUcontact, type RigOptions } from '../../../../tests/simulators/ucontact/rig';
import type { UcontactRig } from '../../../../tests/simulators/ucontact/rig';
import type { CallUpdate } from '../../model';
import { ACTION } from './actions';
import { CallSpool, DialerTaskCall, formatSchedule, OPEN_RANGE_MS } from './dialer';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
});

const connected = (o: RigOptions = {}) =>
  signedInUcontact({ ...o, connection: { assumeConnectedMs: 10, ...o.connection } }, cleanups);

/** A call rung from `from` and answered (assumed after `assumeConnectedMs`). */
async function answered({ sim, t }: UcontactRig, from = '+33123456789'): Promise<CallUpdate> {
  const ringing = sim.ringInbound({ from });
  const { call } = await t.next(
    'callUpsert',
    (e) => e.call.vendorCallId === ringing.guid && e.call.state === 'connected',
  );
  return call;
}

const actionIds = (rig: UcontactRig) => {
  const last = rig.t.events.items.filter((e) => e.type === 'vendorActions').at(-1);
  return last?.type === 'vendorActions' ? last.actions.map((a) => `${a.id}:${a.callId ?? ''}`) : [];
};

describe('uContact vendor actions on offer', () => {
  it('offers the side panel’s at resync, with the campaigns to choose from', async () => {
    const rig = await connected();
    await rig.adapter.resync();
    const offered = await rig.t.next('vendorActions', (e) =>
      e.actions.some((a) => a.fields?.some((f) => f.key === 'campaign' && f.options?.length === 2)),
    );
    const dialer = offered.actions.find((a) => a.id === ACTION.addToDialer);
    expect(dialer?.fields?.find((f) => f.key === 'campaign')?.options).toEqual([
      { code: 'Sales->', label: 'Sales' },
      { code: 'Support<-', label: 'Support' },
    ]);
    expect(offered.actions.map((a) => a.id)).toEqual([
      ACTION.addToDialer,
      ACTION.removeFromDialer,
      ACTION.cancelScheduled,
    ]);
  });

  it('offers a call’s actions once it is answered, until the next call starts', async () => {
    const rig = await connected();
    const first = await answered(rig);
    expect(actionIds(rig)).toEqual(
      expect.arrayContaining([
        `${ACTION.tag}:${first.id}`,
        `${ACTION.respool}:${first.id}`,
        `${ACTION.doNotCall}:${first.id}`,
      ]),
    );
    rig.sim.remoteHangup(first.vendorCallId);
    await rig.t.next('callEnded', (e) => e.callId === first.id);
    // Still offered in wrap-up…
    expect(actionIds(rig)).toContain(`${ACTION.tag}:${first.id}`);
    // …and gone once the next call starts.
    const second = await answered(rig, '+33123456780');
    expect(actionIds(rig).filter((id) => id.endsWith(`:${first.id}`))).toEqual([]);
    expect(actionIds(rig)).toContain(`${ACTION.tag}:${second.id}`);
  });
});

describe('uContact vendor actions carried out', () => {
  it('respools the contact on a new number; uContact refuses the number just called', async () => {
    const rig = await connected();
    const call = await answered(rig);
    await rig.adapter.execute({
      type: 'vendorAction',
      action: ACTION.respool,
      callId: call.id,
      values: {
        destination: '+33600000001',
        alternatives: '+33600000002, +33600000003',
        dialerbase: 'base1',
        contact: '222',
      },
    });
    const request = await rig.sim.waitForRequest((r) => r.api === 'Dialers/Respool');
    expect(CallSpool.parse(JSON.parse(request.form.callspool ?? ''))).toEqual({
      campaign: 'Support<-',
      destination: '33600000001',
      dialerbase: 'base1',
      status: 1,
      data: '',
      alternatives: '33600000002:33600000003',
      contact: 222,
      retries: 0,
      priority: 9999,
      agentphone: '1001',
    });
    expect(rig.sim.dialer.respools).toHaveLength(1);
    const again = (values: Record<string, string>) =>
      rig.adapter.execute({
        type: 'vendorAction',
        action: ACTION.respool,
        callId: call.id,
        values,
      });
    await expect(again({ destination: '+33123456789', dialerbase: 'base1' })).rejects.toMatchObject(
      {
        code: 'rejected',
        message: 'uContact refused to call the contact again on that number',
      },
    );
    await expect(
      again({ destination: '+33600000009', dialerbase: 'base1', priority: '1' }),
    ).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('2 or more') });
    await expect(
      again({ destination: '+33600000009', dialerbase: 'base1', contact: 'x' }),
    ).rejects.toMatchObject({
      code: 'rejected',
      message: '“Contact id” is a whole number',
    });
    expect(rig.sim.dialer.respools).toHaveLength(1);
  });

  it('puts the number on the do-not-call list, for the campaign or for all', async () => {
    const rig = await connected();
    const call = await answered(rig);
    const add = (scope: string) =>
      rig.adapter.execute({
        type: 'vendorAction',
        action: ACTION.doNotCall,
        callId: call.id,
        values: { scope, name: 'Camille Dubois' },
      });
    await add('campaign');
    await add('all');
    expect(rig.sim.dialer.blacklist).toEqual([
      { phone: '+33123456789', campaign: 'Support<-', username: 'alice', name: 'Camille Dubois' },
      { phone: '+33123456789', campaign: '*', username: 'alice', name: 'Camille Dubois' },
    ]);
    await expect(add('everyone')).rejects.toMatchObject({
      code: 'rejected',
      message: 'Choose one of the offered “For”',
    });
  });

  it('tags the recording by the agent’s extension when the setting says so', async () => {
    const rig = await connected({ connection: { tagRecordPhone: 'agent' } });
    const call = await answered(rig);
    await rig.adapter.execute({
      type: 'vendorAction',
      action: ACTION.tag,
      callId: call.id,
      values: { tag: 'escalated' },
    });
    // TagRecord answers nothing: that is its success.
    const tag = await rig.sim.waitForRequest((r) => r.api === 'Agents/TagRecord');
    expect(tag).toMatchObject({ answer: '', form: { phone: '1001', data: 'escalated' } });
    expect(rig.sim.dialer.tags).toEqual([
      { phone: '1001', guid: call.vendorCallId, data: 'escalated' },
    ]);
  });

  it('adds a call to the dialer for later, for any agent; a time past is refused', async () => {
    const rig = await connected();
    // The queues read at resync are the campaigns on offer.
    await rig.adapter.resync();
    const at = Math.floor((Date.now() + 3_600_000) / 1000) * 1000;
    const add = (when: number) =>
      rig.adapter.execute({
        type: 'vendorAction',
        action: ACTION.addToDialer,
        values: {
          number: '+14155550123',
          campaign: 'Support<-',
          at: String(when),
          assign: 'anyone',
        },
      });
    await add(at);
    const task = await rig.sim.waitForRequest((r) => r.api === 'Dialers/DialerTask');
    expect(DialerTaskCall.parse(JSON.parse(task.form.call ?? ''))).toEqual({
      calldate: formatSchedule(at),
      campaign: 'Support<-',
      destination: '14155550123',
      alternatives: '',
      agent: '',
      data: '',
      source: 'Switchboard',
      bulk: true,
      automatic: false,
    });
    await expect(add(Date.now() - 60_000)).rejects.toMatchObject({ code: 'rejected' });
    expect(rig.sim.dialer.tasks).toHaveLength(1);
  });

  it('removes a number from a campaign, and cancels the calls scheduled in a range', async () => {
    const rig = await connected();
    await rig.adapter.resync();
    const hour = 3_600_000;
    const base = Math.floor((Date.now() + 24 * hour) / 1000) * 1000;
    for (const at of [base, base + 5 * hour]) {
      await rig.adapter.execute({ type: 'scheduleCallback', number: '+14155550123', at });
    }
    await rig.adapter.execute({
      type: 'vendorAction',
      action: ACTION.cancelScheduled,
      values: {
        number: '+14155550123',
        campaign: 'Sales->',
        from: String(base - hour),
        to: String(base + hour),
      },
    });
    const cancel = await rig.sim.waitForRequest(
      (r) => r.api === 'Dialers/RemoveScheduleDialerCall',
    );
    expect(cancel.form).toEqual({
      campaign: 'Sales->',
      destination: '14155550123',
      from: formatSchedule(base - hour),
      to: formatSchedule(base + hour),
    });
    expect(rig.sim.dialer.scheduled.map((c) => c.calldate)).toEqual([
      formatSchedule(base + 5 * hour),
    ]);
    await rig.adapter.execute({
      type: 'vendorAction',
      action: ACTION.removeFromDialer,
      values: { number: '+14155550123', campaign: 'Support<-' },
    });
    expect(rig.sim.dialer.removedContacts).toEqual([
      { campaign: 'Support<-', number: '14155550123' },
    ]);
    // The end before the start: refused before asking uContact.
    await expect(
      rig.adapter.execute({
        type: 'vendorAction',
        action: ACTION.cancelScheduled,
        values: {
          number: '+14155550123',
          campaign: 'Sales->',
          from: String(base),
          to: String(base - hour),
        },
      }),
    ).rejects.toMatchObject({ code: 'rejected' });
    expect(OPEN_RANGE_MS).toBeGreaterThan(365 * 24 * hour);
  });

  it('refuses a dialer route the sign-in may not use, without dropping the connection', async () => {
    const rig = await connected({ before: (sim) => sim.forbid('Dialers/', true) });
    const attempt = rig.adapter.execute({
      type: 'scheduleCallback',
      number: '+14155550123',
      at: Date.now() + 3_600_000,
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'rejected',
      message:
        'uContact refused to schedule the call back (HTTP 403): your sign-in may not have the right to',
    });
    expect(rig.t.events.items.filter((e) => e.type === 'connectionLost')).toEqual([]);
    // Other commands still work.
    await rig.adapter.execute({ type: 'setAgentState', state: 'notReady', reason: 'Lunch' });
    await rig.sim.waitForRequest((r) => r.api === 'api/AgentBreak' && r.answer === '1');
  });

  it('refuses an action on a call that does not offer it', async () => {
    const rig = await connected();
    const ringing = rig.sim.ringInbound({});
    const { call } = await rig.t.next('callUpsert', (e) => e.call.vendorCallId === ringing.guid);
    // Not answered yet: no recording to tag.
    await expect(
      rig.adapter.execute({
        type: 'vendorAction',
        action: ACTION.tag,
        callId: call.id,
        values: { tag: 'x' },
      }),
    ).rejects.toMatchObject({
      code: 'unsupported',
      message: 'That action is not available on this call',
    });
  });
});
