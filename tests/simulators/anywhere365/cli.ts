/**
 * Runs the Anywhere365 CTI Broker simulator on its own:
 * `npx tsx tests/simulators/anywhere365/cli.ts --port 8093 [--traffic]`.
 * Agents sip:alice@example.com and sip:bob@example.com; subscribe a relay's hook URL to get events.
 */
import { runSimulatorCli } from '../shared/cli';
import { startAnywhere365Simulator } from './server';

await runSimulatorCli({
  defaultPort: '8093',
  defaultInterval: '15000',
  start: startAnywhere365Simulator,
  banner: (sim) => [
    `Anywhere365 CTI Broker simulator listening on ${sim.url} (agents sip:alice@example.com, sip:bob@example.com)`,
  ],
  trafficLabel: 'Inbound calls',
});
