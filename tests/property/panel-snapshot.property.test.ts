/**
 * Nothing secret in the panel snapshot (utils/background/panel-snapshot.ts): whatever an agent
 * types to sign in, accepted or refused, and whatever happens next (a call rings and ends, the
 * agent signs out), no snapshot the background writes to storage.session holds the secret the
 * agent typed, as a value or as a key, anywhere in it.
 */
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, it } from 'vitest';
import { isPanelSnapshot } from '../../utils/messaging';
import { STORAGE } from '../../utils/storage/registry';
import { startXivoSimulator } from '../simulators/xivo';
import { DEFAULT_USERS } from '../simulators/xivo/world';
import { closeApps, createHarness, memoryArea } from '../support/background-harness';
import { checkAsyncProperty } from '../support/property';

const KEY = STORAGE.session.panelSnapshot.key;

/** Every string in `value`, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

/** Long enough that it cannot turn up in a state by chance (a digit string could be a time). */
const secret = fc.stringMatching(/^[A-Za-z][A-Za-z0-9!#%&*+_-]{11,39}$/);
const login = fc.stringMatching(/^[a-z][a-z0-9.]{2,15}$/);

afterEach(async () => {
  await closeApps();
});

describe('panel snapshot', () => {
  it('never holds the password an agent typed (property)', { timeout: 120_000 }, async () => {
    await checkAsyncProperty(
      'panel snapshot secrets',
      fc.asyncProperty(
        fc.record({
          login,
          password: secret,
          typed: secret,
          wrong: fc.boolean(),
          ring: fc.boolean(),
        }),
        async ({ login: user, password, typed, wrong, ring }) => {
          globalThis.indexedDB = new IDBFactory();
          const base = DEFAULT_USERS[0]!;
          const sim = await startXivoSimulator({ users: [{ ...base, login: user, password }] });
          const area = memoryArea();
          const written: unknown[] = [];
          try {
            const bg = await createHarness({
              sessionArea: {
                get: area.get,
                set: (key, value) => (key === KEY && written.push(value), area.set(key, value)),
              },
            });
            const credentials = {
              username: user,
              password: wrong ? typed : password,
              phoneNumber: base.phoneNumber,
            };
            await bg.send({
              type: 'panel/signIn',
              credentials,
              connection: { server: sim.url },
            });
            const after = await bg.until((s) =>
              ['connected', 'failed'].includes(s.connection.status),
            );
            if (after.connection.status === 'connected' && ring) {
              const call = sim.inboundCall({ from: '+33612345678', name: 'Ada', queue: 'support' });
              await bg.until((s) => s.calls.some((c) => c.state === 'ringing'));
              call.hangup();
              await bg.until((s) => s.calls.every((c) => c.state === 'ended'));
            }
            await bg.send({ type: 'panel/signOut' });
            await bg.state();
            const secrets = [password, typed];
            for (const snapshot of written) {
              if (!isPanelSnapshot(snapshot)) throw new Error('not a snapshot was written');
              const found = strings(snapshot).filter((s) => secrets.some((x) => s.includes(x)));
              if (found.length > 0) throw new Error(`the snapshot holds a secret: ${found[0]}`);
            }
            if (written.length === 0) throw new Error('no snapshot was written');
          } finally {
            await closeApps();
            await sim.close();
          }
        },
      ),
      { numRuns: 12, label: 'sign-ins accepted and refused, with and without a call' },
    );
  });
});
