/**
 * Runs the XiVO simulator on its own: `npx tsx tests/simulators/xivo/cli.ts --port 8090 [--traffic]`.
 * Sign in with alice / secret, phone 1001, server http://127.0.0.1:8090.
 */
import { runSimulatorCli } from '../shared/cli';
import { startXivoSimulator } from './server';

await runSimulatorCli({
  defaultPort: '8090',
  defaultInterval: '12000',
  start: startXivoSimulator,
  banner: (sim) => [`XiVO simulator listening on ${sim.url} (user alice / secret, phone 1001)`],
  trafficLabel: 'Inbound calls',
});
