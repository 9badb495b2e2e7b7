/**
 * Entry point for operators: `npm run relay` (or `node dist/relay/main.mjs` in the container).
 * Configuration comes from environment variables (docs/relay.md); a bad one stops the relay with
 * a message naming it and exit code 2.
 */
import { ConfigError, configFromEnv, type RelayConfig } from './config';
import { createRelay } from './index';
import { createLogger } from './log';

const log = createLogger();

let config: RelayConfig;
try {
  config = configFromEnv(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\nSee docs/relay.md for the environment variables.\n`);
  process.exit(2);
}

// A start failure other than configuration (the port is taken, RELAY_DATA_DIR is not writable):
// one log line and exit 1, which systemd retries.
const relay = await createRelay(config, { log }).catch((err: unknown) => {
  log.error('relay failed to start', { error: err instanceof Error ? err.message : 'unknown' });
  process.exit(1);
});

process.on('unhandledRejection', (reason) => {
  log.error('unhandled rejection', { error: reason instanceof Error ? reason.message : 'unknown' });
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    relay.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('stop failed', { error: err instanceof Error ? err.message : 'unknown' });
        process.exit(1);
      },
    );
  });
}
