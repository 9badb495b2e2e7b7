/**
 * One live call: who, from which queue, its state, a timer, the vendor's call data where it is
 * worth showing, and the controls it allows now. A call ringing for the agent reads at a glance:
 * an "Incoming call" card of its own colour (panel.css), the caller large, Answer first.
 */
import type { Call, CodeLabel } from '../utils/cti/model';
import { NO_EXTRAS, safeId, type CallExtras } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import {
  callClockStart,
  callStateText,
  directionText,
  isIncomingRinging,
  remoteNumber,
} from '../utils/ui/format';
import { CallControls } from './CallControls';
import { CallDataList } from './CallData';
import { CallTimer } from './CallTimer';
import { t } from '../utils/i18n/runtime';

interface Props {
  call: Call;
  /** The vendor's queues, for "Send to queue". */
  queues: readonly CodeLabel[];
  /** A `manual` screen-pop rule matches this call. */
  canOpenRecord: boolean;
  connector: PanelConnector;
  /** Call data, the vendor's own actions, directory search for transfers. */
  extras?: CallExtras;
}

export function CurrentCall({ call, queues, canOpenRecord, connector, extras = NO_EXTRAS }: Props) {
  const base = `sb-call-${safeId(call.id)}`;
  const titleId = `${base}-title`;
  const kickerId = `${base}-kicker`;
  const incoming = isIncomingRinging(call);
  const number = remoteNumber(call.remote);
  return (
    <article
      class={`sb-call sb-call--${call.state}${incoming ? ' sb-call--incoming' : ''}`}
      aria-labelledby={incoming ? `${kickerId} ${titleId}` : titleId}
    >
      {incoming && (
        <p id={kickerId} class="sb-call-kicker">
          <span class="sb-dot" aria-hidden="true" />
          {t('currentCall.incoming')}
        </p>
      )}
      <header class="sb-call-head">
        <div class="sb-call-who">
          <h2 id={titleId} class="sb-call-number">
            {number}
          </h2>
          {call.remote.name && <p class="sb-call-name">{call.remote.name}</p>}
        </div>
        <CallTimer from={callClockStart(call)} until={call.endedAt} />
      </header>
      <p class="sb-call-meta">
        <span class={`sb-badge sb-badge--${call.state}`}>{callStateText(call)}</span>
        {/* "Incoming call" above already says it. */}
        {!incoming && <span>{directionText(call.direction)}</span>}
        {call.queue && <span>{t('currentCall.queue', { queue: call.queue })}</span>}
        {call.recording === 'on' && <span>{t('currentCall.recording')}</span>}
        {call.recording === 'paused' && <span>{t('currentCall.recordingPaused')}</span>}
      </p>
      {extras.showData && <CallDataList call={call} />}
      <CallControls
        call={call}
        queues={queues}
        canOpenRecord={canOpenRecord}
        connector={connector}
        extras={extras}
      />
    </article>
  );
}
