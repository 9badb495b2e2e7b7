import { render } from 'preact';
import { Panel } from '../../components/Panel';
import { followUiLanguage } from '../../utils/i18n/document';
import { createRuntimeConnector } from '../../utils/ui/connector';
import { addStyles } from '../../utils/ui/styles';
import panelStyles from '../../components/panel.css?inline';

addStyles(document, panelStyles);
// The page follows the language the panel puts in place with each state (Panel.tsx).
followUiLanguage(document, 'manifest.name');
const connector = createRuntimeConnector();
addEventListener('pagehide', () => connector.close());

render(<Panel connector={connector} layout="sidepanel" />, document.body);
