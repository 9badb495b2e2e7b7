/**
 * Send the call to one of the vendor's queues (`redirectToQueue`). The queues are the vendor's
 * own list, chosen by name: its ids (CCS ACD uuids, vendors/README.md §5.4) are not something an
 * agent can type.
 */
import { useState } from 'preact/hooks';
import type { Call, CodeLabel } from '../utils/cti/model';
import type { PanelConnector } from '../utils/ui/connector';
import { CommandForm } from './CommandForm';
import { t } from '../utils/i18n/runtime';

interface Props {
  id: string;
  call: Call;
  queues: readonly CodeLabel[];
  connector: PanelConnector;
  onDone(): void;
}

export function QueueForm({ id, call, queues, connector, onDone }: Props) {
  const [queue, setQueue] = useState('');
  return (
    <CommandForm
      id={id}
      name={t('queueForm.title')}
      submitText={t('queueForm.title')}
      connector={connector}
      onDone={onDone}
      // No default choice: sending a caller to the wrong queue cannot be undone from here.
      command={() =>
        queue ? { type: 'redirectToQueue', callId: call.id, queue } : t('queueForm.chooseQueue')
      }
      label={t('queueForm.queue')}
      fieldKey="queue"
      field={(field) => (
        <select {...field} value={queue} onChange={(e) => setQueue(e.currentTarget.value)}>
          <option value="">{t('common.choose')}</option>
          {queues.map((q) => (
            <option key={q.code} value={q.code}>
              {q.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
