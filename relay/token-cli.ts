/**
 * Issues an agent token: `npm run relay:token -- --agent sip:alice@example.com --days 30`.
 * The identity is what events are routed by (relay/protocol.ts TokenClaims): the Anywhere365
 * ImAddress ("sip:…") or "ucontact:<agent>". RELAY_SECRET must be the relay's own. The token goes
 * to stdout (and nowhere else); hand it to the agent's extension through managed policy.
 */
import { parseArgs } from 'node:util';
import { issueToken } from './tokens';

const USAGE = `Usage: RELAY_SECRET=… tsx relay/token-cli.ts --agent <sip:user@domain | ucontact:agent> [--days 30]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { agent?: string; days?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      agent: { type: 'string' },
      days: { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail(err instanceof Error ? err.message : 'bad arguments');
}

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const secret = process.env.RELAY_SECRET ?? '';
if (secret.length < 32)
  fail('RELAY_SECRET must be set (at least 32 characters), as for the relay.');
const agent = values.agent?.trim() ?? '';
if (!/^(sip:[^@\s]+@[^@\s]+|ucontact:\S+)$/i.test(agent)) {
  fail('--agent must be "sip:user@domain" (Anywhere365 ImAddress) or "ucontact:<agent>".');
}
const days = Number(values.days);
if (!Number.isFinite(days) || days <= 0 || days > 366) fail('--days must be between 0 and 366.');

const ttl = Math.round(days * 86_400);
process.stdout.write(`${issueToken(agent, ttl, secret)}\n`);
process.stderr.write(
  `Token for ${agent}, valid until ${new Date(Date.now() + ttl * 1000).toISOString()}\n`,
);
