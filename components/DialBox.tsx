/**
 * Place a call by typing a number. Shown only when the vendor can dial. Only what can be dialled
 * is sent (utils/phone/dial-input.ts): a number possible for the agent's country or written with
 * its country code, an internal extension, a * or # code where the platform dials them; anything
 * else gets the reason next to the field before anything is sent. Where the vendor allows it, the
 * agent chooses where the call goes out from (their mobile, or on behalf of one of their queues)
 * and attaches call data to the new call.
 */
import { useState } from 'preact/hooks';
import type { CommandInput } from '../utils/cti/model';
import type { PanelState } from '../utils/messaging';
import { checkDialInput, DEFAULT_INTERNAL_DIAL } from '../utils/phone/dial-input';
import { dialInputText } from '../utils/phone/dial-input-text';
import { t } from '../utils/i18n/runtime';
import { commandOrProblem } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { DataPairs, EMPTY_PAIR, pairsToData, type Pair } from './DataPairs';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

type Route = Extract<CommandInput, { type: 'dial' }>['route'];

/** The route choices the vendor and the agent's queues allow; empty: the agent's phone only. */
function routeChoices(state: PanelState): { value: string; label: string }[] {
  const choices: { value: string; label: string }[] = [];
  if (state.dialRoutes.includes('mobile'))
    choices.push({ value: 'mobile', label: t('dialBox.myMobile') });
  if (state.dialRoutes.includes('queue')) {
    for (const q of state.agentTools.queues.filter((q) => q.member !== false))
      choices.push({
        value: `queue:${q.id}`,
        label: t('dialBox.onBehalfOf', { queue: q.name || q.id }),
      });
  }
  return choices.length > 0 ? [{ value: '', label: t('dialBox.myPhone') }, ...choices] : [];
}

/** Why `number` cannot be dialled, in the agent's words; undefined when it can. */
function dialProblem(number: string, state: PanelState): string | undefined {
  const rules = { country: state.defaultCountry, ...(state.internalDial ?? DEFAULT_INTERNAL_DIAL) };
  const verdict = checkDialInput(number, rules);
  if (verdict.ok) return undefined;
  return dialInputText(verdict.problem, {
    country: state.defaultCountry,
    platform: state.vendorLabel,
    international: verdict.international,
  });
}

function routeOf(value: string): Route {
  if (value === 'mobile') return { kind: 'mobile' };
  if (value.startsWith('queue:')) return { kind: 'queue', queue: value.slice('queue:'.length) };
  return undefined;
}

export function DialBox({ state, connector }: { state: PanelState; connector: PanelConnector }) {
  const [number, setNumber] = useState('');
  const [route, setRoute] = useState('');
  const [withData, setWithData] = useState(false);
  const [pairs, setPairs] = useState<Pair[]>([{ ...EMPTY_PAIR }]);
  const action = useAction(connector);
  // Why what is typed cannot be dialled, found before sending; `action.error` is the background's.
  const [problem, setProblem] = useState<string | undefined>();
  const routes = routeChoices(state);
  const canData = state.dialVariables;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const trimmed = number.trim();
    const found = dialProblem(trimmed, state);
    setProblem(found);
    if (found) {
      action.setError(undefined);
      return;
    }
    const chosen = routes.length > 0 ? routeOf(route) : undefined;
    const variables = canData && withData ? pairsToData(pairs) : {};
    const command = await commandOrProblem({
      type: 'dial',
      number: trimmed,
      ...(chosen ? { route: chosen } : {}),
      ...(Object.keys(variables).length > 0 ? { variables } : {}),
    });
    if (typeof command === 'string') {
      action.setError(command);
      return;
    }
    const reply = await action.run({ type: 'panel/command', command });
    if (reply.ok) {
      setNumber('');
      setPairs([{ ...EMPTY_PAIR }]);
    }
  };

  return (
    <form class="sb-dial" onSubmit={onSubmit} aria-label={t('dialBox.form')}>
      <div class="sb-row">
        <label for="sb-dial-number" class="sb-dial-label">
          {t('dialBox.number')}
        </label>
        <input
          id="sb-dial-number"
          type="tel"
          inputMode="tel"
          autocomplete="off"
          maxLength={64}
          value={number}
          onInput={(e) => {
            setNumber(e.currentTarget.value);
            // The reason was about what was there before.
            setProblem(undefined);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem || action.error ? 'sb-dial-error' : undefined}
        />
        <button type="submit" class="sb-answer" disabled={action.pending}>
          {t('dialBox.call')}
        </button>
      </div>
      {(routes.length > 0 || canData) && (
        <div class="sb-row sb-wrap sb-dial-options">
          {routes.length > 0 && (
            <>
              <label for="sb-dial-route" class="sb-dial-label">
                {t('dialBox.callFrom')}
              </label>
              <select
                id="sb-dial-route"
                value={route}
                onChange={(e) => setRoute(e.currentTarget.value)}
              >
                {routes.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </>
          )}
          {canData && (
            <button
              type="button"
              class="sb-small"
              aria-expanded={withData}
              aria-controls={withData ? 'sb-dial-data' : undefined}
              onClick={() => setWithData(!withData)}
            >
              {t('dialBox.withData')}
            </button>
          )}
        </div>
      )}
      {canData && withData && (
        <div id="sb-dial-data">
          <DataPairs id="sb-dial-data" pairs={pairs} onChange={setPairs} />
        </div>
      )}
      <ErrorAlert id="sb-dial-error" message={problem ?? action.error} />
    </form>
  );
}
