/**
 * uContact's conformance cases for its agent-feature commands (harness.ts `featureScenarios`):
 * a call back scheduled (ScheduleDialerCall) and cancelled (RemoveScheduleDialerCall), and the
 * vendor actions (actions.ts) carried out against the simulator, each with a case uContact
 * refuses. The simulator's own records show what reached it.
 */
import { expect } from 'vitest';
import type { CommandType } from '../../utils/cti/model';
import { ACTION } from '../../utils/cti/vendors/ucontact/actions';
import {
  CallSchedule,
  DialerTaskCall,
  formatSchedule,
} from '../../utils/cti/vendors/ucontact/dialer';
import type { UcontactSimulator } from '../simulators/ucontact';
import type { FeatureScene } from './harness';

const CUSTOMER = '+14155550123';
const OTHER = '+14155550124';
/** The numbers as the adapter dials them (`dialFormat` digits, the default). */
const CUSTOMER_DIALLED = '14155550123';
const OTHER_DIALLED = '14155550124';

/** Tomorrow, to the second: the schedule's format has no milliseconds. */
const tomorrow = () => Math.floor((Date.now() + 86_400_000) / 1000) * 1000;

type Scenario = (s: FeatureScene) => Promise<void>;

export function UCONTACT_FEATURE_SCENARIOS(
  sim: () => UcontactSimulator,
): Partial<Record<CommandType, Scenario>> {
  return {
    scheduleCallback: async ({ adapter }) => {
      const at = tomorrow();
      await adapter.execute({
        type: 'scheduleCallback',
        number: CUSTOMER,
        at,
        note: 'About invoice 42',
        queue: 'Support<-',
      });
      const request = await sim().waitForRequest((r) => r.api === 'Dialers/ScheduleDialerCall');
      expect(request.answer).toBe('1');
      expect(CallSchedule.parse(JSON.parse(request.form.callschedule ?? ''))).toEqual({
        calldate: formatSchedule(at),
        campaign: 'Support<-',
        destination: CUSTOMER_DIALLED,
        alternatives: '',
        agentphone: '1001',
        data: 'note=About invoice 42',
      });
      expect(sim().dialer.scheduled).toEqual([
        expect.objectContaining({ destination: CUSTOMER_DIALLED, campaign: 'Support<-' }),
      ]);
      // A campaign uContact's dialer does not have: refused, nothing scheduled.
      await expect(
        adapter.execute({ type: 'scheduleCallback', number: OTHER, at, queue: 'Nowhere->' }),
      ).rejects.toMatchObject({ code: 'rejected' });
      // A note the dialer's `Par=Val` data cannot carry: refused before anything is sent.
      await expect(
        adapter.execute({ type: 'scheduleCallback', number: OTHER, at, note: 'a=b' }),
      ).rejects.toMatchObject({ code: 'rejected' });
      expect(sim().dialer.scheduled).toHaveLength(1);
    },

    cancelCallback: async ({ adapter }) => {
      const at = tomorrow();
      for (const number of [CUSTOMER, OTHER]) {
        await adapter.execute({ type: 'scheduleCallback', number, at, queue: 'Sales->' });
      }
      expect(sim().dialer.scheduled).toHaveLength(2);
      await adapter.execute({ type: 'cancelCallback', callbackId: `Sales->|${CUSTOMER}` });
      const request = await sim().waitForRequest(
        (r) => r.api === 'Dialers/RemoveScheduleDialerCall',
      );
      expect(request.form).toMatchObject({ campaign: 'Sales->', destination: CUSTOMER_DIALLED });
      expect(request.answer).toBe('1');
      expect(sim().dialer.scheduled.map((c) => c.destination)).toEqual([OTHER_DIALLED]);
      // The number alone: the `campaign` setting's campaign (Sales->).
      await adapter.execute({ type: 'cancelCallback', callbackId: OTHER });
      expect(sim().dialer.scheduled).toEqual([]);
      // A campaign uContact does not know: refused.
      await expect(
        adapter.execute({ type: 'cancelCallback', callbackId: `Nowhere->|${CUSTOMER}` }),
      ).rejects.toMatchObject({ code: 'rejected' });
    },

    vendorAction: async ({ adapter, t, connected }) => {
      // Side panel: add a call to the dialer, for this agent, now.
      await t.next('vendorActions', (e) => e.actions.some((a) => a.id === ACTION.addToDialer));
      await adapter.execute({
        type: 'vendorAction',
        action: ACTION.addToDialer,
        values: { number: CUSTOMER, campaign: 'Sales->', assign: 'me' },
      });
      const task = await sim().waitForRequest((r) => r.api === 'Dialers/DialerTask');
      expect(task.answer).toBe('1');
      expect(DialerTaskCall.parse(JSON.parse(task.form.call ?? ''))).toMatchObject({
        calldate: null,
        campaign: 'Sales->',
        destination: CUSTOMER_DIALLED,
        agent: 'alice',
        bulk: true,
        automatic: false,
      });
      // A form without its required number is refused before anything is sent.
      await expect(
        adapter.execute({
          type: 'vendorAction',
          action: ACTION.addToDialer,
          values: { campaign: 'Sales->', assign: 'me' },
        }),
      ).rejects.toMatchObject({ code: 'rejected', message: 'Enter “Number”' });

      // On a call: tag its recording.
      const call = await connected();
      await t.next('vendorActions', (e) =>
        e.actions.some((a) => a.id === ACTION.tag && a.callId === call.id),
      );
      await adapter.execute({
        type: 'vendorAction',
        action: ACTION.tag,
        callId: call.id,
        values: { tag: 'complaint' },
      });
      const tag = await sim().waitForRequest((r) => r.api === 'Agents/TagRecord');
      expect(tag.form).toMatchObject({ guid: call.vendorCallId, data: 'complaint' });
      expect(sim().dialer.tags).toEqual([
        { phone: call.remote.raw, guid: call.vendorCallId, data: 'complaint' },
      ]);
      // An action uContact does not have.
      await expect(
        adapter.execute({ type: 'vendorAction', action: 'no-such-action', values: {} }),
      ).rejects.toMatchObject({ code: 'unsupported' });
    },
  };
}
