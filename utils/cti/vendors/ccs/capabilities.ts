/**
 * What the Windstream CCS adapter can do (vendors/README.md §5.7, api-pages §4), known before
 * sign-in so the panel can be drawn.
 */
import type { Capabilities } from '../../adapter';

export const CCS_CAPABILITIES: Capabilities = {
  // No answer, hold, attended transfer, DTMF or disposition request exists (§5.7); redirect to
  // an ACD is `wait_redirect` (§5.4).
  commands: new Set([
    'dial',
    'hangup',
    'blindTransfer',
    'redirectToQueue',
    'pauseRecording',
    'resumeRecording',
    'setAgentState',
  ]),
  agentStates: new Set(['ready', 'notReady', 'loggedOut']),
  // No CCS disposition command: codes, if any, come from the admin's policy.
  dispositions: 'policy',
  dispositionCallback: false,
  // start/stopSuppression names any call (api-pages §4.22).
  recordingControl: 'all',
  // The extensions and ACDs (§4.6, §4.8), the call search (§4.21), the ACDs with the inbound queue
  // events (§3), the agent state's missed-in-a-row count (§4.15). No request joins or leaves a
  // queue, and none lists favourites.
  features: new Set(['directory', 'history', 'queues', 'queueStats', 'agentStats']),
  // The away presence options (§4.7).
  pauseReasons: 'vendor',
};
