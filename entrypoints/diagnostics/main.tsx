import { render } from 'preact';
import { DiagnosticsPage } from '../../components/diagnostics/DiagnosticsPage';
import { createRuntimeConnector } from '../../utils/ui/connector';

// Only `send` is used: the page asks for the report and opens no panel port.
const connector = createRuntimeConnector();
addEventListener('pagehide', () => connector.close());

render(<DiagnosticsPage connector={connector} locale={navigator.language} />, document.body);
