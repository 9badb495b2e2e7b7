/**
 * The frame of the small forms under the call controls (transfer, send to queue): one labelled
 * field, the message that says why the command was not sent, the submit button and Close. The
 * form sends one command and closes once the background accepts it.
 */
import type { ComponentChild, ComponentChildren } from 'preact';
import type { Command } from '../utils/cti/model';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { FormButtons } from './FormButtons';
import { useAction } from './hooks';

/** What the field's control takes from the form: its id, and the error that describes it. */
export interface FieldProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  required: true;
}

interface Props {
  /** The form's id, which the toggle button controls; the field's and the error's ids extend it. */
  id: string;
  /** The form's accessible name. */
  name: string;
  submitText: string;
  connector: PanelConnector;
  /** After the command went through, and on Close. */
  onDone(): void;
  /** The command to send, or the message that says what is missing. */
  command(): Command | string | Promise<Command | string>;
  label: string;
  /** The last part of the field's id. */
  fieldKey: string;
  field(props: FieldProps): ComponentChild;
  /** Controls between the field and the error message. */
  children?: ComponentChildren;
}

export function CommandForm({
  id,
  name,
  submitText,
  connector,
  onDone,
  command,
  label,
  fieldKey,
  field,
  children,
}: Props) {
  const action = useAction(connector);
  const fieldId = `${id}-${fieldKey}`;
  const errorId = `${id}-error`;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const toSend = await command();
    if (typeof toSend === 'string') {
      action.setError(toSend);
      return;
    }
    const reply = await action.run({ type: 'panel/command', command: toSend });
    if (reply.ok) onDone();
  };

  return (
    <form id={id} class="sb-subform" onSubmit={onSubmit} aria-label={name}>
      <div class="sb-field">
        <label for={fieldId}>{label}</label>
        {field({
          id: fieldId,
          'aria-invalid': action.error ? true : undefined,
          'aria-describedby': action.error ? errorId : undefined,
          required: true,
        })}
      </div>
      {children}
      <ErrorAlert id={errorId} message={action.error} />
      <FormButtons submitText={submitText} pending={action.pending} onClose={onDone} />
    </form>
  );
}
