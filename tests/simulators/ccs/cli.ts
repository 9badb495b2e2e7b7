/**
 * Runs the CCS simulator on its own: `npx tsx tests/simulators/ccs/cli.ts --port 8091 [--traffic]`.
 * Settings: domain http://127.0.0.1:8091 plus the tenant, extension and outbound queue ids it
 * prints; sign in with the API token it prints, or extension 104 and PIN 0104.
 */
import { parseArgs } from 'node:util';
import { startCcsSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8091' },
    host: { type: 'string', default: '127.0.0.1' },
    traffic: { type: 'boolean', default: false },
    interval: { type: 'string', default: '12000' },
  },
});

const sim = await startCcsSimulator({ port: Number(values.port), host: values.host });
console.log(`Windstream CCS simulator listening on ${sim.url}`);
console.log(`  tenant id          ${sim.tenantId}`);
console.log(`  extension uuid     ${sim.extension.uuid} (extension ${sim.extension.extension})`);
console.log(`  outbound queue id  ${sim.outboundQueueId}`);
console.log(`  API token          ${sim.extension.token} (or PIN ${sim.extension.pin})`);
if (values.traffic) {
  sim.startTraffic({ intervalMs: Number(values.interval) });
  console.log(`Inbound calls every ${values.interval} ms`);
}

const stop = () => {
  sim.stopTraffic();
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
