/**
 * A call's data: what the vendor attached (shown where the vendor's call data is worth showing,
 * feature `callData`), and the form that attaches more (`setCallData`). The background queues the
 * write in the outbox, so it reaches the vendor even if the link drops.
 */
import { useState } from 'preact/hooks';
import type { Call } from '../utils/cti/model';
import { commandOrProblem } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { DataPairs, EMPTY_PAIR, pairsToData, type Pair } from './DataPairs';
import { ErrorAlert } from './ErrorAlert';
import { FormButtons } from './FormButtons';
import { useAction } from './hooks';
import { t } from '../utils/i18n/runtime';

export function CallDataList({ call }: { call: Call }) {
  const entries = Object.entries(call.data);
  if (entries.length === 0) return null;
  return (
    <dl class="sb-data" aria-label={t('callData.list')}>
      {entries.map(([key, value]) => (
        <div key={key} class="sb-data-row">
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface FormProps {
  id: string;
  call: Call;
  connector: PanelConnector;
  onDone(): void;
}

export function CallDataForm({ id, call, connector, onDone }: FormProps) {
  const [pairs, setPairs] = useState<Pair[]>([{ ...EMPTY_PAIR }]);
  const action = useAction(connector);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const data = pairsToData(pairs);
    if (Object.keys(data).length === 0) {
      action.setError(t('callData.needPair'));
      return;
    }
    const command = await commandOrProblem({ type: 'setCallData', callId: call.id, data });
    if (typeof command === 'string') {
      action.setError(command);
      return;
    }
    const reply = await action.run({ type: 'panel/command', command });
    if (reply.ok) onDone();
  };
  return (
    <form id={id} class="sb-subform" onSubmit={onSubmit} aria-label={t('callData.form')} noValidate>
      <DataPairs id={id} pairs={pairs} onChange={setPairs} />
      <ErrorAlert message={action.error} />
      <FormButtons submitText={t('callData.submit')} pending={action.pending} onClose={onDone} />
    </form>
  );
}
