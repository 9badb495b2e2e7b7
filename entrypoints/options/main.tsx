import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { runtimeSettingsConnector } from '../../utils/ui/settings-connector';

render(<OptionsPage connector={runtimeSettingsConnector} />, document.body);
