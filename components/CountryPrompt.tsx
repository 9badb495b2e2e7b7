/**
 * Asks the agent once for their country, when neither policy nor the browser's language says it
 * (utils/background/default-country.ts): numbers written without a country code are read as
 * numbers of that country. The answer is saved as the agent's setting
 * (`clickToDial.defaultCountry`, `panel/saveSettings`); the next snapshot carries it and the
 * prompt is gone for good.
 */
import { useMemo, useState } from 'preact/hooks';
import type { PanelState } from '../utils/messaging';
import { countryChoices } from '../utils/ui/countries';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

const TEXT = {
  title: 'Your country',
  why: 'Numbers written without a country code are read as numbers of this country.',
  label: 'Country',
  choose: 'Choose…',
  save: 'Save',
  missing: 'Choose your country',
};

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

export function CountryPrompt({ state, connector }: Props) {
  return state.defaultCountry ? null : <CountryForm connector={connector} />;
}

function CountryForm({ connector }: Pick<Props, 'connector'>) {
  const save = useAction(connector);
  const [country, setCountry] = useState('');
  // Named once per prompt, not on every snapshot.
  const choices = useMemo(() => countryChoices(), []);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!country) {
      save.setError(TEXT.missing);
      return;
    }
    void save.run({
      type: 'panel/saveSettings',
      patch: { clickToDial: { defaultCountry: country } },
    });
  };

  return (
    <section class="sb-country" aria-labelledby="sb-country-title">
      <h2 id="sb-country-title" class="sb-title">
        {TEXT.title}
      </h2>
      <p id="sb-country-why" class="sb-muted">
        {TEXT.why}
      </p>
      <form class="sb-row" onSubmit={onSubmit}>
        <label for="sb-country-choice">{TEXT.label}</label>
        <select
          id="sb-country-choice"
          value={country}
          aria-describedby={save.error ? 'sb-country-why sb-country-error' : 'sb-country-why'}
          onChange={(e) => {
            setCountry(e.currentTarget.value);
            save.setError(undefined);
          }}
        >
          <option value="">{TEXT.choose}</option>
          {choices.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" class="sb-small" disabled={save.pending}>
          {TEXT.save}
        </button>
      </form>
      <ErrorAlert id="sb-country-error" message={save.error} />
    </section>
  );
}
