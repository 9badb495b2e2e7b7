/** A link to the diagnostics page, in a tab of its own (entrypoints/diagnostics/). */
import { DIAGNOSTICS_TEXT } from './text';
import './link.css';

export function DiagnosticsLink() {
  return (
    <a class="sb-diag-link" href="/diagnostics.html" target="_blank" rel="noopener">
      {DIAGNOSTICS_TEXT.link}
    </a>
  );
}
