/**
 * Runs the MaxContact simulator on its own:
 * `npx tsx tests/simulators/maxcontact/cli.ts --port 8091 [--traffic]`.
 * Sign in with 1001 / secret, server http://127.0.0.1:8091.
 */
import { runSimulatorCli } from '../shared/cli';
import { startMaxContactSimulator } from './server';

await runSimulatorCli({
  defaultPort: '8091',
  defaultInterval: '15000',
  start: startMaxContactSimulator,
  banner: (sim) => [`MaxContact simulator listening on ${sim.url} (user 1001 / secret)`],
  trafficLabel: 'Calls',
});
