import { render } from 'preact';
import { DiagnosticsPage } from '../../components/diagnostics/DiagnosticsPage';
import { followUiLanguage } from '../../utils/i18n/document';
import { createRuntimeConnector } from '../../utils/ui/connector';
import { addStyles } from '../../utils/ui/styles';
import panelStyles from '../../components/panel.css?inline';
import optionsStyles from '../../components/options/options.css?inline';
import diagnosticsStyles from '../../components/diagnostics/diagnostics.css?inline';

addStyles(document, panelStyles, optionsStyles, diagnosticsStyles);
// The page follows the language it puts in place with each report (`ui.language`): `lang`, `dir`
// (right to left for Arabic) and the title.
followUiLanguage(document, 'diagnostics.title');
// Only `send` is used: the page asks for the report and opens no panel port.
const connector = createRuntimeConnector();
addEventListener('pagehide', () => connector.close());

render(<DiagnosticsPage connector={connector} />, document.body);
