import { render } from 'preact';
import { OpenSidePanel } from '../../components/OpenSidePanel';
import { Panel } from '../../components/Panel';
import { createRuntimeConnector } from '../../utils/ui/connector';

const connector = createRuntimeConnector();
addEventListener('pagehide', () => connector.close());

render(<Panel connector={connector} layout="popup" footer={<OpenSidePanel />} />, document.body);
