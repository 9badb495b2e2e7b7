import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { storageSettingsConnector } from '../../utils/ui/settings-connector';

render(<OptionsPage connector={storageSettingsConnector} />, document.body);
