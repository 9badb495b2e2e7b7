import { render } from 'preact';

render(<p>Switchboard</p>, document.getElementById('app')!);
