import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { followUiLanguage } from '../../utils/i18n/document';
import { markWhenShown } from '../../utils/ui/first-paint';
import { askedEarly, runtimeSettingsConnector } from '../../utils/ui/settings-connector';
import { addStyles } from '../../utils/ui/styles';
import panelStyles from '../../components/panel.css?inline';
import optionsStyles from '../../components/options/options.css?inline';

addStyles(document, panelStyles, optionsStyles);
// The page follows the language the options page puts in place with the settings.
followUiLanguage(document, 'options.title');
// Asked before the first render: the background's answer and the page's first paint overlap.
const connector = askedEarly(runtimeSettingsConnector);
// The page's first meaningful paint is its settings form (npm run bench:panel).
markWhenShown('main form', 'form');
render(<OptionsPage connector={connector} />, document.body);
