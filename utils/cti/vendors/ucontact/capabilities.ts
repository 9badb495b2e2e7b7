/** What Switchboard can do with uContact (vendors/README.md §4.6, docs/vendors.md "uContact"). */
import type { Capabilities } from '../../adapter';

export const UCONTACT_CAPABILITIES: Capabilities = {
  // No answer (the softphone is in the portal), hold or transfer endpoints (§4.6). Calls back:
  // ScheduleDialerCall and RemoveScheduleDialerCall; uContact's own operations (TagRecord,
  // Respool, DialerTask, RemoveContact, addblack) are vendor actions (actions.ts).
  commands: new Set([
    'dial',
    'hangup',
    'dispose',
    'setAgentState',
    'scheduleCallback',
    'cancelCallback',
    'vendorAction',
  ]),
  agentStates: new Set(['ready', 'notReady', 'loggedOut']),
  // DispositionCall must reach uContact, so the codes are the vendor's: uContact's tree is not
  // readable (§4.3), so the admin's `dispositions.codes` mirror it (`l1/l2/l3`, commands.ts).
  dispositions: 'vendor',
  // DispositionCall's `schedule` (§4.3), formatted in dialer.ts.
  dispositionCallback: true,
  recordingControl: 'none',
  // queuesummary and campaignstatus (queues.ts). No 'callbacks': nothing reads scheduled calls.
  features: new Set(['queues', 'queueStats']),
  // AgentBreak takes a motive, and nothing lists uContact's motives: the admin's policy list.
  pauseReasons: 'policy',
  // AgentCallwithData's `data`; AgentCall's `outqueue` is the campaign a call goes out under.
  dialVariables: true,
  dialRoutes: new Set(['queue']),
};
