/**
 * What holds now: the outbox's waiting writes, and the settings in force with their sources.
 */
import type { DiagnosticsReport } from '../../utils/messaging';
import { oneLine, type Formats } from './format';
import { Section } from './Journal';
import { DIAGNOSTICS_TEXT as T, outboxKindText, outboxStatusText, sourceText } from './text';

interface Props {
  report: DiagnosticsReport;
  fmt: Formats;
}

export function OutboxItems({ report, fmt }: Props) {
  const items = report.outbox;
  return (
    <Section
      id="sb-diag-outbox"
      title={T.outboxTitle}
      empty={items.length === 0 ? T.outboxEmpty : undefined}
      headers={[T.item, T.status, T.attempts, T.lastError, T.nextAttempt]}
    >
      {items.map((item) => (
        <tr key={item.key}>
          <td>
            <div>{outboxKindText(item.kind)}</div>
            <div class="sb-muted">{item.remote?.e164 ?? item.remote?.raw ?? item.callId}</div>
            <div class="sb-muted">{fmt.time(item.createdAt)}</div>
          </td>
          <td>{outboxStatusText(item.status)}</td>
          <td>{fmt.number(item.attempts)}</td>
          <td class="sb-diag-wrap">{item.reason}</td>
          <td>{item.nextAt === undefined ? '' : fmt.time(item.nextAt)}</td>
        </tr>
      ))}
    </Section>
  );
}

export function SettingsSources({ report, fmt }: Props) {
  const locked = report.settings.filter((s) => s.source === 'policy').length;
  return (
    <>
      <Section
        id="sb-diag-settings"
        title={T.settingsTitle}
        note={T.settingsHint(fmt.number(locked))}
        headers={[T.setting, T.value, T.source]}
      >
        {report.settings.map((setting) => (
          <tr key={setting.path} data-source={setting.source}>
            <td>
              <code>{setting.path}</code>
            </td>
            <td class="sb-diag-wrap">
              <code>{oneLine(setting.value, 400)}</code>
            </td>
            <td>{sourceText(setting.source)}</td>
          </tr>
        ))}
      </Section>
      {report.problems.length > 0 && (
        <Section
          id="sb-diag-problems"
          title={T.problemsTitle}
          headers={[T.source, T.setting, T.details]}
        >
          {report.problems.map((problem, i) => (
            <tr key={i}>
              <td>{sourceText(problem.source === 'policy' ? 'policy' : 'agent')}</td>
              <td>
                <code>{problem.path}</code>
              </td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </Section>
      )}
    </>
  );
}
