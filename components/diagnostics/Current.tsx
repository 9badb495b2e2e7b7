/**
 * What holds now: the outbox's waiting writes, and the settings in force with their sources.
 */
import type { DiagnosticsReport } from '../../utils/messaging';
import { formatTimestamp, formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/runtime';
import { oneLine } from './format';
import { Section } from './Journal';
import { outboxKindText, outboxStatusText, settingsHintText, sourceText } from './text';

interface Props {
  report: DiagnosticsReport;
}

export function OutboxItems({ report }: Props) {
  const items = report.outbox;
  return (
    <Section
      id="sb-diag-outbox"
      title={t('diagnostics.outboxTitle')}
      empty={items.length === 0 ? t('diagnostics.outboxEmpty') : undefined}
      headers={[
        t('diagnostics.item'),
        t('diagnostics.status'),
        t('diagnostics.attempts'),
        t('diagnostics.lastError'),
        t('diagnostics.nextAttempt'),
      ]}
    >
      {items.map((item) => (
        <tr key={item.key}>
          <td>
            <div>{outboxKindText(item.kind)}</div>
            <div class="sb-muted">{item.remote?.e164 ?? item.remote?.raw ?? item.callId}</div>
            <div class="sb-muted">{formatTimestamp(item.createdAt)}</div>
          </td>
          <td>{outboxStatusText(item.status)}</td>
          <td>{formatNumber(item.attempts)}</td>
          <td class="sb-diag-wrap">{item.reason}</td>
          <td>{item.nextAt === undefined ? '' : formatTimestamp(item.nextAt)}</td>
        </tr>
      ))}
    </Section>
  );
}

export function SettingsSources({ report }: Props) {
  const locked = report.settings.filter((s) => s.source === 'policy').length;
  return (
    <>
      <Section
        id="sb-diag-settings"
        title={t('diagnostics.settingsTitle')}
        note={settingsHintText(locked)}
        headers={[t('diagnostics.setting'), t('diagnostics.value'), t('diagnostics.source')]}
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
          title={t('diagnostics.problemsTitle')}
          headers={[t('diagnostics.source'), t('diagnostics.setting'), t('diagnostics.details')]}
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
