import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { followUiLanguage } from '../../utils/i18n/document';
import { runtimeSettingsConnector } from '../../utils/ui/settings-connector';

// The page follows the language the options page puts in place with the settings.
followUiLanguage(document, 'options.title');
render(<OptionsPage connector={runtimeSettingsConnector} />, document.body);
