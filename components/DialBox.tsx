/** Place a call by typing a number. Shown only when the vendor can dial. */
import { useState } from 'preact/hooks';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

export function DialBox({ connector }: { connector: PanelConnector }) {
  const [number, setNumber] = useState('');
  const action = useAction(connector);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const trimmed = number.trim();
    if (!trimmed) {
      action.setError('Enter a number to call');
      return;
    }
    const reply = await action.run({
      type: 'panel/command',
      command: { type: 'dial', number: trimmed },
    });
    if (reply.ok) setNumber('');
  };

  return (
    <form class="sb-dial" onSubmit={onSubmit} aria-label="Dial">
      <div class="sb-row">
        <label for="sb-dial-number" class="sb-dial-label">
          Number
        </label>
        <input
          id="sb-dial-number"
          type="tel"
          inputMode="tel"
          autocomplete="off"
          maxLength={64}
          value={number}
          onInput={(e) => setNumber(e.currentTarget.value)}
          aria-describedby={action.error ? 'sb-dial-error' : undefined}
        />
        <button type="submit" class="sb-answer" disabled={action.pending}>
          Call
        </button>
      </div>
      <ErrorAlert id="sb-dial-error" message={action.error} />
    </form>
  );
}
