/**
 * The options page: a form for every setting in `utils/settings/schema.ts`. It edits a draft,
 * validates the draft with the schema before saving, saves only what changed, and follows policy
 * changes live (a setting that becomes managed is disabled and takes the admin's value at once).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { UI_LANGUAGES } from '../../utils/i18n/languages';
import { isUiLanguageActive, setUiLanguage, t } from '../../utils/i18n/runtime';
import { isLocked, type ResolvedSettings } from '../../utils/settings/policy';
import type { Settings } from '../../utils/settings/schema';
import type { SettingsConnector } from '../../utils/ui/settings-connector';
import {
  changedLeaves,
  rebaseDraft,
  setAt,
  validateSettings,
  type FieldErrors,
} from '../../utils/ui/settings-form';
import { DiagnosticsLink } from '../diagnostics/DiagnosticsLink';
import { AgentToolsSection } from './AgentToolsSection';
import { ClickToDialSection } from './ClickToDialSection';
import { ConnectionSection } from './ConnectionSection';
import { DispositionsSection } from './DispositionsSection';
import { HistorySection } from './HistorySection';
import { SelectField } from './fields';
import type { SettingsForm } from './form';
import { RingSoundFields } from './RingSoundFields';
import { ScreenPopSection } from './ScreenPopSection';
import { SettingsProblems } from './SettingsProblems';
import { SettingsSection } from './SettingsSection';

interface Loaded {
  resolved: ResolvedSettings;
  draft: Settings;
}

type Status =
  { kind: 'idle' } | { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; message: string };

/**
 * Runs `show` with settings once their `ui.language` is in place: at once when it already is,
 * after loading its messages otherwise; settings that come meanwhile replace those waiting.
 */
function useInLanguage() {
  const latest = useRef(0);
  return (show: (resolved: ResolvedSettings) => void) => (resolved: ResolvedSettings) => {
    const id = ++latest.current;
    const language = resolved.settings.ui.language;
    if (isUiLanguageActive(language)) return show(resolved);
    void setUiLanguage(language).then(() => {
      if (id === latest.current) show(resolved);
    });
  };
}

export function OptionsPage({ connector }: { connector: SettingsConnector }) {
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const inLanguage = useInLanguage();

  useEffect(() => {
    const controller = new AbortController();
    const apply = inLanguage((resolved: ResolvedSettings) =>
      setLoaded((prev) =>
        prev
          ? {
              resolved,
              draft: rebaseDraft(prev.resolved.settings, prev.draft, resolved.settings, (p) =>
                isLocked(resolved.locked, p),
              ),
            }
          : { resolved, draft: resolved.settings },
      ),
    );
    connector.watch(apply, controller.signal);
    connector
      .load()
      .then(apply, (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
    return () => controller.abort();
  }, [connector]);

  const validation = useMemo(() => (loaded ? validateSettings(loaded.draft) : undefined), [loaded]);
  const errors: FieldErrors = showErrors && validation && !validation.ok ? validation.errors : {};

  if (loadError) {
    return (
      <main class="sb-options">
        <p class="sb-error" role="alert">
          {t('options.readFailed', { error: loadError })}
        </p>
      </main>
    );
  }
  if (!loaded) {
    return (
      <main class="sb-options" aria-busy="true">
        <p role="status">{t('options.loading')}</p>
      </main>
    );
  }

  const form: SettingsForm = {
    draft: loaded.draft,
    locked: loaded.resolved.locked,
    errors,
    busy,
    set(path, value) {
      setStatus({ kind: 'idle' });
      setLoaded((prev) => prev && { ...prev, draft: setAt(prev.draft, path, value) });
    },
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!validation?.ok) {
      setShowErrors(true);
      setStatus({ kind: 'invalid' });
      return;
    }
    setBusy(true);
    try {
      const resolved = await connector.save(
        changedLeaves(loaded.resolved.settings, validation.value),
      );
      inLanguage(() => {
        setLoaded({ resolved, draft: resolved.settings });
        setShowErrors(false);
        setStatus({ kind: 'saved' });
      })(resolved);
    } catch (e) {
      setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sb-options">
      <h1>{t('options.title')}</h1>
      <DiagnosticsLink />
      <SettingsProblems problems={loaded.resolved.problems} />
      {loaded.resolved.locked.length > 0 && <p class="sb-muted">{t('options.someManaged')}</p>}
      <form onSubmit={onSubmit} noValidate>
        <ConnectionSection form={form} />
        <ClickToDialSection form={form} />
        <ScreenPopSection form={form} />
        <DispositionsSection form={form} />
        <AgentToolsSection form={form} />
        <HistorySection form={form} />
        <SettingsSection titleId="opt-ui-title" title={t('options.display')}>
          <SelectField
            form={form}
            path="ui.language"
            label={t('options.language')}
            hint={t('options.languageHint')}
            options={UI_LANGUAGES}
          />
          <RingSoundFields form={form} />
        </SettingsSection>
        <div class="sb-savebar">
          <button type="submit" class="sb-primary" disabled={busy}>
            {busy ? t('options.saving') : t('options.save')}
          </button>
          <StatusText status={status} />
        </div>
      </form>
    </main>
  );
}

function StatusText({ status }: { status: Status }) {
  switch (status.kind) {
    case 'idle':
      return <span role="status" />;
    case 'saved':
      return <span role="status">{t('options.saved')}</span>;
    case 'invalid':
      return (
        <span class="sb-error" role="alert">
          {t('options.invalid')}
        </span>
      );
    case 'failed':
      return (
        <span class="sb-error" role="alert">
          {t('options.saveFailed', { error: status.message })}
        </span>
      );
  }
}
