/**
 * Runs the XiVO simulator on its own: `npx tsx tests/simulators/xivo/cli.ts --port 8090 [--traffic]`.
 * Sign in with alice / secret, phone 1001, server http://127.0.0.1:8090.
 */
import { parseArgs } from 'node:util';
import { startXivoSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    traffic: { type: 'boolean', default: false },
    interval: { type: 'string', default: '12000' },
  },
});

const sim = await startXivoSimulator({ port: Number(values.port), host: values.host });
console.log(`XiVO simulator listening on ${sim.url} (user alice / secret, phone 1001)`);
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
