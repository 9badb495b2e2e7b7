/**
 * Runs the CCS simulator on its own: `npx tsx tests/simulators/ccs/cli.ts --port 8091 [--traffic]`.
 * Settings: domain http://127.0.0.1:8091 plus the tenant, extension and outbound queue ids it
 * prints; sign in with the API token it prints, or extension 104 and PIN 0104.
 */
import { runSimulatorCli } from '../shared/cli';
import { startCcsSimulator } from './server';

await runSimulatorCli({
  defaultPort: '8091',
  defaultInterval: '12000',
  start: startCcsSimulator,
  banner: (sim) => [
    `Windstream CCS simulator listening on ${sim.url}`,
    `  tenant id          ${sim.tenantId}`,
    `  extension uuid     ${sim.extension.uuid} (extension ${sim.extension.extension})`,
    `  outbound queue id  ${sim.outboundQueueId}`,
    `  API token          ${sim.extension.token} (or PIN ${sim.extension.pin})`,
  ],
  trafficLabel: 'Inbound calls',
});
