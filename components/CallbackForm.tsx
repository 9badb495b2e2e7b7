/**
 * Schedule a new callback (number, when, a note, the queue where the vendor files it) or move an
 * existing one (a new time and, optionally, the end of the window). Both go to the vendor through
 * the outbox, so they are not lost if the link drops.
 */
import { useState } from 'preact/hooks';
import type { CallbackItem, QueueInfo } from '../utils/cti/features';
import { pastCallbackMessage } from '../utils/cti/callback-time';
import type { CommandInput } from '../utils/cti/model';
import { commandOrProblem } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { fromLocalInput, toLocalInput } from '../utils/ui/datetime';
import { ErrorAlert } from './ErrorAlert';
import { FormButtons } from './FormButtons';
import { useAction } from './hooks';
import { t } from '../utils/i18n/runtime';

export type CallbackFormMode =
  { kind: 'schedule'; queues: readonly QueueInfo[] } | { kind: 'reschedule'; item: CallbackItem };

interface Props {
  id: string;
  mode: CallbackFormMode;
  connector: PanelConnector;
  onDone(): void;
}

interface Typed {
  number: string;
  at: string;
  until: string;
  note: string;
  queue: string;
}

/** The command for what the agent typed, or what to correct first. */
function toCommand(mode: CallbackFormMode, typed: Typed, now: number): CommandInput | string {
  const at = fromLocalInput(typed.at);
  if (at === undefined) return t('callbackForm.incomplete');
  if (at <= now) return pastCallbackMessage();
  if (mode.kind === 'reschedule') {
    const until = typed.until.trim() ? fromLocalInput(typed.until) : undefined;
    if (typed.until.trim() && until === undefined) return t('callbackForm.incompleteUntil');
    if (until !== undefined && until <= at) return t('callbackForm.windowOrder');
    return {
      type: 'rescheduleCallback',
      callbackId: mode.item.id,
      at,
      ...(until !== undefined ? { until } : {}),
    };
  }
  if (!typed.number.trim()) return t('callbackForm.needNumber');
  return {
    type: 'scheduleCallback',
    number: typed.number.trim(),
    at,
    ...(typed.note.trim() ? { note: typed.note.trim() } : {}),
    ...(typed.queue ? { queue: typed.queue } : {}),
  };
}

export function CallbackForm({ id, mode, connector, onDone }: Props) {
  const initialAt = mode.kind === 'reschedule' && mode.item.dueAt ? mode.item.dueAt : undefined;
  const [typed, setTyped] = useState<Typed>({
    number: '',
    at: initialAt !== undefined ? toLocalInput(initialAt) : '',
    until: '',
    note: '',
    queue: '',
  });
  const action = useAction(connector);
  const set = (change: Partial<Typed>) => setTyped({ ...typed, ...change });
  const schedule = mode.kind === 'schedule';
  const queues = schedule ? mode.queues : [];

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const input = toCommand(mode, typed, Date.now());
    const command = typeof input === 'string' ? input : await commandOrProblem(input);
    if (typeof command === 'string') {
      action.setError(command);
      return;
    }
    const reply = await action.run({ type: 'panel/command', command });
    if (reply.ok) onDone();
  };

  const field = (key: keyof Typed, label: string, input: preact.JSX.Element) => (
    <div class="sb-field">
      <label for={`${id}-${key}`}>{label}</label>
      {input}
    </div>
  );
  const text = (key: keyof Typed) => ({
    id: `${id}-${key}`,
    value: typed[key],
    onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      set({ [key]: e.currentTarget.value }),
  });

  return (
    <form
      id={id}
      class="sb-subform"
      onSubmit={onSubmit}
      aria-label={schedule ? t('callbackForm.scheduleTitle') : t('callbackForm.rescheduleTitle')}
      noValidate
    >
      {schedule &&
        field(
          'number',
          t('callbackForm.number'),
          <input {...text('number')} type="tel" maxLength={64} />,
        )}
      {field(
        'at',
        schedule ? t('callbackForm.callAt') : t('callbackForm.newTime'),
        <input {...text('at')} type="datetime-local" />,
      )}
      {!schedule &&
        field('until', t('callbackForm.until'), <input {...text('until')} type="datetime-local" />)}
      {schedule &&
        field(
          'note',
          t('callbackForm.note'),
          <textarea {...text('note')} rows={2} maxLength={2000} />,
        )}
      {queues.length > 0 &&
        field(
          'queue',
          t('callbackForm.queue'),
          <select
            id={`${id}-queue`}
            value={typed.queue}
            onChange={(e) => set({ queue: e.currentTarget.value })}
          >
            <option value="">{t('callbackForm.noQueue')}</option>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name || q.id}
              </option>
            ))}
          </select>,
        )}
      <ErrorAlert message={action.error} />
      <FormButtons
        submitText={schedule ? t('callbackForm.schedule') : t('callbackForm.reschedule')}
        pending={action.pending}
        onClose={onDone}
      />
    </form>
  );
}
