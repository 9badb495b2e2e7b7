/**
 * Agent tokens for operators (docs/relay.md, "Issuing agent tokens"):
 *
 *   npm run relay:token -- --agent sip:alice@example.com [--days 7]   issue (RELAY_SECRET needed)
 *   npm run relay:token -- --revoke <token id> [--note "laptop stolen"]   revoke one token
 *   npm run relay:token -- --id <token>                               print a token's id
 *
 * The identity is what events are routed by (relay/protocol.ts TokenClaims): the Anywhere365
 * ImAddress ("sip:…") or "ucontact:<agent>". RELAY_SECRET must be the relay's own. The token goes
 * to stdout (and nowhere else); its id and expiry go to stderr. `--revoke` appends the id to the
 * relay's revocation list (RELAY_REVOKED_TOKENS_FILE, else <RELAY_DATA_DIR>/revoked-tokens), which
 * a running relay picks up within a second (relay/revocation.ts).
 */
import { parseArgs } from 'node:util';
import { appendRevocation, isTokenId, revocationFileFromEnv } from './revocation';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, newToken, tokenIdOf } from './tokens';

const USAGE = [
  `Usage: RELAY_SECRET=… tsx relay/token-cli.ts --agent <sip:user@domain | ucontact:agent> [--days ${DEFAULT_TOKEN_DAYS}]`,
  `       RELAY_DATA_DIR=… tsx relay/token-cli.ts --revoke <token id> [--note <text>]`,
  `       tsx relay/token-cli.ts --id <token>`,
].join('\n');

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

type Values = {
  agent?: string;
  days?: string;
  revoke?: string;
  note?: string;
  id?: string;
  help?: boolean;
};
let values: Values;
try {
  ({ values } = parseArgs({
    options: {
      agent: { type: 'string' },
      days: { type: 'string', default: String(DEFAULT_TOKEN_DAYS) },
      revoke: { type: 'string' },
      note: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail(err instanceof Error ? err.message : 'bad arguments');
}

function revoke(id: string, note: string): void {
  if (!isTokenId(id)) fail('--revoke needs a token id (letters, digits, "_" and "-").');
  const file = revocationFileFromEnv(process.env);
  if (!file) fail('Set RELAY_REVOKED_TOKENS_FILE or RELAY_DATA_DIR as for the relay.');
  try {
    appendRevocation(file, id, new Date(), note);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    process.stderr.write(`Cannot write ${file} (${code}).\n`);
    process.exit(1);
  }
  process.stderr.write(
    `Token ${id} revoked in ${file}; a running relay applies it within a second.\n`,
  );
}

function issue(agentArg: string | undefined, daysArg: string | undefined): void {
  const secret = process.env.RELAY_SECRET ?? '';
  if (secret.length < 32)
    fail('RELAY_SECRET must be set (at least 32 characters), as for the relay.');
  const agent = agentArg?.trim() ?? '';
  if (!/^(sip:[^@\s]+@[^@\s]+|ucontact:\S+)$/i.test(agent)) {
    fail('--agent must be "sip:user@domain" (Anywhere365 ImAddress) or "ucontact:<agent>".');
  }
  const days = Number(daysArg);
  if (!Number.isFinite(days) || days <= 0 || days > MAX_TOKEN_DAYS)
    fail(`--days must be more than 0 and at most ${MAX_TOKEN_DAYS}.`);
  const issued = newToken(agent, Math.round(days * 86_400), secret);
  process.stdout.write(`${issued.token}\n`);
  process.stderr.write(
    `Token ${issued.id} for ${agent}, valid until ${new Date(issued.exp * 1000).toISOString()}\n` +
      `Revoke it with: npm run relay:token -- --revoke ${issued.id}\n`,
  );
}

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values.revoke !== undefined) revoke(values.revoke.trim(), values.note ?? '');
else if (values.id !== undefined) {
  const id = tokenIdOf(values.id.trim());
  if (!id) fail('--id needs a relay token.');
  process.stdout.write(`${id}\n`);
} else issue(values.agent, values.days);
