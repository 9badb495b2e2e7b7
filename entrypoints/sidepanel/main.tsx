import { render } from 'preact';
import { Panel } from '../../components/Panel';
import { createRuntimeConnector } from '../../utils/ui/connector';

const connector = createRuntimeConnector();
addEventListener('pagehide', () => connector.close());

render(<Panel connector={connector} layout="sidepanel" />, document.body);
