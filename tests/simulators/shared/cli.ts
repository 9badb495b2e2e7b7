/**
 * The command line every simulator shares: `--port`, `--host`, `--traffic`, `--interval`, a
 * banner once it listens, and a clean stop on Ctrl-C or SIGTERM (traffic off, server closed)
 * so that no timers or sockets keep the process alive.
 */
import { parseArgs } from 'node:util';

interface CliSimulator {
  url: string;
  startTraffic(o?: { intervalMs?: number }): void;
  stopTraffic(): void;
  close(): Promise<void>;
}

export async function runSimulatorCli<S extends CliSimulator>(opts: {
  defaultPort: string;
  /** Milliseconds between demo calls, as the simulator's own traffic default. */
  defaultInterval: string;
  start(o: { port: number; host: string }): Promise<S>;
  /** The lines printed once the simulator listens (URL, credentials, ids). */
  banner(sim: S): string[];
  /** What `--traffic` announces, e.g. "Inbound calls". */
  trafficLabel: string;
}): Promise<S> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: opts.defaultPort },
      host: { type: 'string', default: '127.0.0.1' },
      traffic: { type: 'boolean', default: false },
      interval: { type: 'string', default: opts.defaultInterval },
    },
  });

  const sim = await opts.start({ port: Number(values.port), host: values.host });
  for (const line of opts.banner(sim)) console.log(line);
  if (values.traffic) {
    sim.startTraffic({ intervalMs: Number(values.interval) });
    console.log(`${opts.trafficLabel} every ${values.interval} ms`);
  }

  const stop = () => {
    sim.stopTraffic();
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return sim;
}
