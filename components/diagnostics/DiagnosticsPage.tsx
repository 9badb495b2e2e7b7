/**
 * The diagnostics page, for support (docs/architecture.md "Diagnostics"): the connection timeline,
 * the screen-pop decisions, the outbox, the recent vendor events and the settings in force, as
 * the background's `panel/diagnostics` reports them, refreshed while the page is open; and a JSON
 * export that masks phone numbers unless the agent includes them (export.ts). It is in the
 * report's `ui.language` (useReport.ts), as the options page is in the settings' one.
 */
import { useState } from 'preact/hooks';
import { formatTimestamp } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/runtime';
import type { DiagnosticsReport } from '../../utils/messaging';
import { OutboxItems, SettingsSources } from './Current';
import { exportFileName, exportJson } from './export';
import { ConnectionTimeline, PopDecisions, VendorEvents } from './Journal';
import { connectionNowText } from './text';
import { useReport, type ReportSender } from './useReport';

/** Saves `text` as a file named `name` (the browser's download). */
export type Download = (name: string, text: string) => void;

export const downloadFile: Download = (name, text) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started from the URL by then; a minute spares slow machines.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

interface Props {
  connector: ReportSender;
  /** How often the report is asked for again while the page is visible. */
  refreshMs?: number;
  download?: Download;
}

export function DiagnosticsPage({ connector, refreshMs = 2_000, download }: Props) {
  const [paused, setPaused] = useState(false);
  const { report, error } = useReport(connector, refreshMs, paused);

  if (!report) {
    return (
      <main class="sb-options sb-diag" aria-busy={!error}>
        <h1>{t('diagnostics.title')}</h1>
        {error ? (
          <p class="sb-error" role="alert">
            {t('diagnostics.loadFailed', { error })}
          </p>
        ) : (
          <p role="status">{t('diagnostics.loading')}</p>
        )}
      </main>
    );
  }
  return (
    <main class="sb-options sb-diag">
      <h1>{t('diagnostics.title')}</h1>
      <p class="sb-muted">{t('diagnostics.intro')}</p>
      <div class="sb-row sb-wrap">
        <span role="status">
          {t('diagnostics.updatedAt', { time: formatTimestamp(report.at) })}
        </span>
        <button type="button" class="sb-small" onClick={() => setPaused(!paused)}>
          {paused ? t('diagnostics.resume') : t('diagnostics.pause')}
        </button>
      </div>
      {error && (
        <p class="sb-error" role="alert">
          {t('diagnostics.refreshFailed', { error })}
        </p>
      )}
      <About report={report} />
      <Export report={report} download={download ?? downloadFile} />
      <ConnectionTimeline records={report.timeline} limit={report.limits.timeline} />
      <PopDecisions records={report.pops} limit={report.limits.pops} />
      <OutboxItems report={report} />
      <VendorEvents records={report.events} limit={report.limits.events} />
      <SettingsSources report={report} />
    </main>
  );
}

function About({ report }: { report: DiagnosticsReport }) {
  const unknown = t('diagnostics.unknown');
  const rows: [string, string][] = [
    [t('diagnostics.version'), report.about.version || unknown],
    [t('diagnostics.browser'), report.about.browser || unknown],
    [t('diagnostics.vendor'), report.vendor.label],
    [
      t('diagnostics.session'),
      report.signedIn ? t('diagnostics.signedIn') : t('diagnostics.signedOut'),
    ],
    [t('diagnostics.connection'), connectionNowText(report.connection.status)],
  ];
  return (
    <section class="sb-section" aria-labelledby="sb-diag-about-title">
      <h2 id="sb-diag-about-title">{t('diagnostics.aboutTitle')}</h2>
      <dl class="sb-diag-about">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Export({ report, download }: { report: DiagnosticsReport; download: Download }) {
  const [includeNumbers, setIncludeNumbers] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();
  const save = () => {
    const name = exportFileName(report);
    download(name, exportJson(report, includeNumbers));
    setSaved(name);
  };
  return (
    <section class="sb-section" aria-labelledby="sb-diag-export-title">
      <h2 id="sb-diag-export-title">{t('diagnostics.exportTitle')}</h2>
      <p class="sb-muted">{t('diagnostics.exportHint')}</p>
      <div class="sb-row sb-wrap">
        <label class="sb-row">
          <input
            type="checkbox"
            checked={includeNumbers}
            onChange={(e) => setIncludeNumbers((e.target as HTMLInputElement).checked)}
          />
          {t('diagnostics.includeNumbers')}
        </label>
        <button type="button" class="sb-primary" onClick={save}>
          {t('diagnostics.exportButton')}
        </button>
        <span role="status">{saved ? t('diagnostics.exported', { name: saved }) : ''}</span>
      </div>
    </section>
  );
}
