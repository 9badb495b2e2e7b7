/** A link to the diagnostics page, in a tab of its own (entrypoints/diagnostics/). */
import { t } from '../../utils/i18n/runtime';

export function DiagnosticsLink() {
  return (
    // As wide as its text in the panels' and the options page's flex columns; the accent colour
    // reads in the light and the dark theme alike.
    <a
      href="/diagnostics.html"
      target="_blank"
      rel="noopener"
      style={{ alignSelf: 'flex-start', color: 'var(--sb-accent)' }}
    >
      {t('diagnostics.link')}
    </a>
  );
}
