/**
 * One live call: who, from which queue, its state, a timer, the vendor's call data where it is
 * worth showing, and the controls it allows now.
 */
import type { Call, CodeLabel } from '../utils/cti/model';
import { NO_EXTRAS, type CallExtras } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { callClockStart, callStateText, directionText, remoteNumber } from '../utils/ui/format';
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
  const titleId = `sb-call-${call.id}`;
  const number = remoteNumber(call.remote);
  return (
    <article class={`sb-call sb-call--${call.state}`} aria-labelledby={titleId}>
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
        <span>{directionText(call.direction)}</span>
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
