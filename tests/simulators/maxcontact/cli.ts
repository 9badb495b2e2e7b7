/**
 * Runs the MaxContact simulator on its own:
 * `npx tsx tests/simulators/maxcontact/cli.ts --port 8091 [--traffic]`.
 * Sign in with 1001 / secret, server http://127.0.0.1:8091.
 */
import { parseArgs } from 'node:util';
import { startMaxContactSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8091' },
    host: { type: 'string', default: '127.0.0.1' },
    traffic: { type: 'boolean', default: false },
    interval: { type: 'string', default: '15000' },
  },
});

const sim = await startMaxContactSimulator({ port: Number(values.port), host: values.host });
console.log(`MaxContact simulator listening on ${sim.url} (user 1001 / secret)`);
if (values.traffic) {
  sim.startTraffic({ intervalMs: Number(values.interval) });
  console.log(`Calls every ${values.interval} ms`);
}

const stop = () => {
  sim.stopTraffic();
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
