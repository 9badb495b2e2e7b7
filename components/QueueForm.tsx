/**
 * Send the call to one of the vendor's queues (`redirectToQueue`). The queues are the vendor's
 * own list, chosen by name: its ids (CCS ACD uuids, vendors/README.md §5.4) are not something an
 * agent can type.
 */
import { useState } from 'preact/hooks';
import type { Call, CodeLabel } from '../utils/cti/model';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

interface Props {
  id: string;
  call: Call;
  queues: readonly CodeLabel[];
  connector: PanelConnector;
  onDone(): void;
}

export function QueueForm({ id, call, queues, connector, onDone }: Props) {
  const [queue, setQueue] = useState('');
  const action = useAction(connector);
  const selectId = `${id}-queue`;
  const errorId = `${id}-error`;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    // No default choice: sending a caller to the wrong queue cannot be undone from here.
    if (!queue) {
      action.setError('Choose a queue');
      return;
    }
    const reply = await action.run({
      type: 'panel/command',
      command: { type: 'redirectToQueue', callId: call.id, queue },
    });
    if (reply.ok) onDone();
  };

  return (
    <form id={id} class="sb-subform" onSubmit={onSubmit} aria-label="Send to queue">
      <div class="sb-field">
        <label for={selectId}>Queue</label>
        <select
          id={selectId}
          value={queue}
          onChange={(e) => setQueue(e.currentTarget.value)}
          aria-invalid={action.error ? true : undefined}
          aria-describedby={action.error ? errorId : undefined}
          required
        >
          <option value="">Choose…</option>
          {queues.map((q) => (
            <option key={q.code} value={q.code}>
              {q.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert id={errorId} message={action.error} />
      <div class="sb-row">
        <button type="submit" class="sb-primary" disabled={action.pending}>
          Send to queue
        </button>
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    </form>
  );
}
