/**
 * The diagnostics page, for support (docs/architecture.md "Diagnostics"): the connection timeline,
 * the screen-pop decisions, the outbox, the recent vendor events and the settings in force, as
 * the background's `panel/diagnostics` reports them, refreshed while the page is open; and a JSON
 * export that masks phone numbers unless the agent includes them (export.ts).
 */
import { useMemo, useState } from 'preact/hooks';
import type { DiagnosticsReport } from '../../utils/messaging';
import { OutboxItems, SettingsSources } from './Current';
import { exportFileName, exportJson } from './export';
import { formatsFor } from './format';
import { ConnectionTimeline, PopDecisions, VendorEvents } from './Journal';
import { connectionNowText, DIAGNOSTICS_TEXT as T } from './text';
import { useReport, type ReportSender } from './useReport';
import '../panel.css';
import '../options/options.css';
import './diagnostics.css';

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
  /** The locale dates and numbers are shown in. */
  locale: string;
  /** How often the report is asked for again while the page is visible. */
  refreshMs?: number;
  download?: Download;
}

export function DiagnosticsPage({ connector, locale, refreshMs = 2_000, download }: Props) {
  const [paused, setPaused] = useState(false);
  const { report, error } = useReport(connector, refreshMs, paused);
  const fmt = useMemo(() => formatsFor(locale), [locale]);

  if (!report) {
    return (
      <main class="sb-options sb-diag" aria-busy={!error}>
        <h1>{T.title}</h1>
        {error ? (
          <p class="sb-error" role="alert">
            {T.loadFailed(error)}
          </p>
        ) : (
          <p role="status">{T.loading}</p>
        )}
      </main>
    );
  }
  return (
    <main class="sb-options sb-diag">
      <h1>{T.title}</h1>
      <p class="sb-muted">{T.intro}</p>
      <div class="sb-row sb-wrap">
        <span role="status">{T.updatedAt(fmt.time(report.at))}</span>
        <button type="button" class="sb-small" onClick={() => setPaused(!paused)}>
          {paused ? T.resume : T.pause}
        </button>
      </div>
      {error && (
        <p class="sb-error" role="alert">
          {T.refreshFailed(error)}
        </p>
      )}
      <About report={report} />
      <Export report={report} download={download ?? downloadFile} />
      <ConnectionTimeline records={report.timeline} limit={report.limits.timeline} fmt={fmt} />
      <PopDecisions records={report.pops} limit={report.limits.pops} fmt={fmt} />
      <OutboxItems report={report} fmt={fmt} />
      <VendorEvents records={report.events} limit={report.limits.events} fmt={fmt} />
      <SettingsSources report={report} fmt={fmt} />
    </main>
  );
}

function About({ report }: { report: DiagnosticsReport }) {
  const rows: [string, string][] = [
    [T.version, report.about.version || T.unknown],
    [T.browser, report.about.browser || T.unknown],
    [T.vendor, report.vendor.label],
    [T.session, report.signedIn ? T.signedIn : T.signedOut],
    [T.connection, connectionNowText(report.connection.status)],
  ];
  return (
    <section class="sb-section" aria-labelledby="sb-diag-about-title">
      <h2 id="sb-diag-about-title">{T.aboutTitle}</h2>
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
      <h2 id="sb-diag-export-title">{T.exportTitle}</h2>
      <p class="sb-muted">{T.exportHint}</p>
      <div class="sb-row sb-wrap">
        <label class="sb-row">
          <input
            type="checkbox"
            checked={includeNumbers}
            onChange={(e) => setIncludeNumbers((e.target as HTMLInputElement).checked)}
          />
          {T.includeNumbers}
        </label>
        <button type="button" class="sb-primary" onClick={save}>
          {T.exportButton}
        </button>
        <span role="status">{saved ? T.exported(saved) : ''}</span>
      </div>
    </section>
  );
}
