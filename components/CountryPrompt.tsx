/**
 * Asks the agent once for their country, when neither policy nor the browser's language says it
 * (utils/background/default-country.ts): numbers written without a country code are read as
 * numbers of that country. The answer is saved as the agent's setting
 * (`clickToDial.defaultCountry`, `panel/saveSettings`); the next snapshot carries it and the
 * prompt is gone for good. Its words: locales/*.yml `countryPrompt`.
 */
import { useMemo, useState } from 'preact/hooks';
import { locale, t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import { countryChoices } from '../utils/ui/countries';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

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
  // Named once per prompt and language, not on every snapshot.
  const language = locale();
  const choices = useMemo(() => countryChoices(language), [language]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!country) {
      save.setError(t('countryPrompt.missing'));
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
        {t('countryPrompt.title')}
      </h2>
      <p id="sb-country-why" class="sb-muted">
        {t('countryPrompt.why')}
      </p>
      <form class="sb-row" onSubmit={onSubmit}>
        <label for="sb-country-choice">{t('countryPrompt.label')}</label>
        <select
          id="sb-country-choice"
          value={country}
          aria-describedby={save.error ? 'sb-country-why sb-country-error' : 'sb-country-why'}
          onChange={(e) => {
            setCountry(e.currentTarget.value);
            save.setError(undefined);
          }}
        >
          <option value="">{t('common.choose')}</option>
          {choices.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" class="sb-small" disabled={save.pending}>
          {t('countryPrompt.save')}
        </button>
      </form>
      <ErrorAlert id="sb-country-error" message={save.error} />
    </section>
  );
}
