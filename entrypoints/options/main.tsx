import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { markWhenShown } from '../../utils/ui/first-paint';
import { runtimeSettingsConnector } from '../../utils/ui/settings-connector';

// The page's first meaningful paint is its settings form (npm run bench:panel).
markWhenShown('main form', 'form');
render(<OptionsPage connector={runtimeSettingsConnector} />, document.body);
