/**
 * Relay configuration: one zod schema for `createRelay(options)` (defaults filled in) and a loader
 * that maps environment variables onto it for `relay/main.ts`. Error messages name the variable
 * and never echo its value (several are secrets).
 */
import { z } from 'zod';
import { clientAddressResolver, type TrustProxy } from './client-address';
import { HELLO_TIMEOUT_MS } from './protocol';

function validTrustProxy(trust: TrustProxy): boolean {
  try {
    clientAddressResolver(trust);
    return true;
  } catch {
    return false;
  }
}

/** Hook path secrets appear in URLs: URL-safe characters only, long enough not to be guessed. */
const HookSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16–128 characters of A–Z, a–z, 0–9, "_" or "-"');
const HttpUrl = z.url({ protocol: /^https?$/ });
const positive = (fallback: number) => z.number().int().positive().default(fallback);

export const Anywhere365Options = z.object({
  brokerUrl: HttpUrl,
  /** Sent verbatim as `Authorization` on broker requests (vendors/README §2.3: auth unknown). */
  authorization: z.string().min(1).optional(),
  /** Subscribe body keys: [UNKNOWN] in vendors/README §2.5, hence configurable. */
  imAddressKey: z.string().min(1).default('ImAddress'),
  callbackUrlKey: z.string().min(1).default('CallbackUrl'),
  /** One subscription per ImAddress (vendors/README §2.5 assumes per-agent subscriptions). */
  imAddresses: z.array(z.string().min(1)).min(1),
  /** The public URL the broker POSTs to; defaults to this relay's own hook URL (local setups). */
  callbackUrl: HttpUrl.optional(),
  renewIntervalMs: positive(300_000),
  requestTimeoutMs: positive(10_000),
  retryMinMs: positive(1_000),
  retryMaxMs: positive(300_000),
});
export type Anywhere365Options = z.infer<typeof Anywhere365Options>;

const Limit = (max: number, windowMs: number) =>
  z.object({ max: positive(max), windowMs: positive(windowMs) }).prefault({});

export const RelayOptions = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(0),
  /** HMAC key for agent tokens. */
  secret: z.string().min(32, 'must be at least 32 characters'),
  /** Secret path segments for /hooks/<secret>/<source>; several allow rotation. Random if omitted. */
  hookSecrets: z.array(HookSecret).min(1).optional(),
  /**
   * Behind a reverse proxy: trust X-Forwarded-For from these proxy addresses (comma-separated IPs
   * or CIDRs, e.g. "127.0.0.1"), or `true` for any. Per-IP hook rate limits depend on it.
   */
  trustProxy: z
    .union([z.boolean(), z.string().min(1)])
    .refine(validTrustProxy, 'must be true, false, or IP addresses/CIDRs separated by commas')
    .default(false),
  bodyLimitBytes: positive(65_536),
  buffer: z
    .object({
      maxEvents: positive(1_000),
      maxAgeMs: positive(600_000),
      /** Payload bytes per agent (1 MiB: a thousand typical 1 KiB events). */
      maxBytes: positive(1024 * 1024),
      /** Payload bytes of all agents together: what replay may cost in memory. */
      maxTotalBytes: positive(256 * 1024 * 1024),
    })
    .prefault({}),
  /**
   * Where the relay keeps its state across restarts: the replay buffers' journal and the
   * Anywhere365 subscription ids (relay/journal.ts). Unset: memory only, a restart loses both.
   */
  dataDir: z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => !p.includes('\0'), 'must not contain NUL characters')
    .optional(),
  maxAgents: positive(10_000),
  /**
   * Scale-out mode (relay/redis-mode.ts, docs/relay.md "Scale-out with Redis"): several instances
   * share the agents' events, seqs and call sessions through this Redis (`redis://[:password@]
   * host:port[/db]`, or `rediss://` for TLS). Unset: one process, its buffers in memory and the
   * optional journal in `dataDir`. `buffer.maxEvents` and `buffer.maxAgeMs` trim the streams.
   */
  redisUrl: z.url({ protocol: /^rediss?$/ }).optional(),
  /**
   * Anywhere365 call sessions (relay/sessions.ts): how many calls the relay remembers the agents
   * of, for how long after their last event (4 h: the adapter gives up a silent connected call
   * then too), and how many agents per call.
   */
  sessions: z
    .object({
      maxSessions: positive(100_000),
      ttlMs: positive(4 * 3_600_000),
      maxAgentsPerSession: positive(16),
    })
    .prefault({}),
  /** Authenticated WebSockets. */
  maxConnections: positive(10_000),
  /**
   * WebSockets that have not said hello, per client address (an IPv6 client by its /64) and in
   * all. An extension has one at a time for a few milliseconds; an office behind one NAT
   * reconnecting at once after a relay restart needs a few, and is retried with backoff beyond.
   */
  maxPendingPerClient: positive(20),
  maxPending: positive(1_000),
  helloTimeoutMs: positive(HELLO_TIMEOUT_MS),
  /**
   * The token revocation list (relay/revocation.ts); defaults to `<dataDir>/revoked-tokens`.
   * Without either, tokens cannot be revoked one at a time.
   */
  revocationFile: z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => !p.includes('\0'), 'must not contain NUL characters')
    .optional(),
  /** Per client IP on /hooks/*. */
  hookRateLimit: Limit(300, 1_000),
  /** Per WebSocket connection, client frames. */
  wsRateLimit: Limit(30, 10_000),
  /** Identical Anywhere365 events from two subscriptions within this window count once. */
  dedupeWindowMs: positive(5_000),
  anywhere365: Anywhere365Options.optional(),
});
export type RelayOptionsInput = z.input<typeof RelayOptions>;
export type RelayConfig = z.infer<typeof RelayOptions>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseOptions(input: RelayOptionsInput): RelayConfig {
  const result = RelayOptions.safeParse(input);
  if (!result.success) throw new ConfigError(describe(result.error));
  return result.data;
}

function describe(error: z.ZodError): string {
  const lines = error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  return `Invalid relay configuration:\n${lines.join('\n')}`;
}

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Environment variables, documented in docs/relay.md. */
const Env = z.object({
  RELAY_HOST: z.string().min(1).default('127.0.0.1'),
  RELAY_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  RELAY_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
  RELAY_HOOK_SECRETS: z.string({ error: 'is required (comma-separated)' }).transform(list),
  RELAY_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v) => (v === 'true' ? true : v === 'false' || v === '' ? false : v)),
  RELAY_BODY_LIMIT_BYTES: z.coerce.number().optional(),
  RELAY_BUFFER_MAX_EVENTS: z.coerce.number().optional(),
  RELAY_BUFFER_MAX_AGE_S: z.coerce.number().optional(),
  RELAY_BUFFER_MAX_BYTES: z.coerce.number().optional(),
  RELAY_BUFFER_MAX_TOTAL_BYTES: z.coerce.number().optional(),
  RELAY_DATA_DIR: z.string().optional(),
  RELAY_REDIS_URL: z.string().optional(),
  RELAY_REVOKED_TOKENS_FILE: z.string().optional(),
  RELAY_MAX_AGENTS: z.coerce.number().optional(),
  RELAY_SESSION_MAX: z.coerce.number().optional(),
  RELAY_SESSION_TTL_S: z.coerce.number().optional(),
  RELAY_SESSION_MAX_AGENTS: z.coerce.number().optional(),
  RELAY_MAX_CONNECTIONS: z.coerce.number().optional(),
  RELAY_MAX_PENDING_PER_CLIENT: z.coerce.number().optional(),
  RELAY_MAX_PENDING: z.coerce.number().optional(),
  RELAY_HOOK_RATE_MAX: z.coerce.number().optional(),
  RELAY_HOOK_RATE_WINDOW_MS: z.coerce.number().optional(),
  RELAY_WS_RATE_MAX: z.coerce.number().optional(),
  RELAY_WS_RATE_WINDOW_MS: z.coerce.number().optional(),
  ANYWHERE365_BROKER_URL: z.string().optional(),
  ANYWHERE365_AUTHORIZATION: z.string().optional(),
  ANYWHERE365_IM_ADDRESSES: z.string().optional().transform(list),
  ANYWHERE365_CALLBACK_URL: z.string().optional(),
  ANYWHERE365_SUBSCRIBE_IM_ADDRESS_KEY: z.string().optional(),
  ANYWHERE365_SUBSCRIBE_CALLBACK_KEY: z.string().optional(),
  ANYWHERE365_RENEW_INTERVAL_S: z.coerce.number().optional(),
});

/** Env field → options path, so errors name the variable the admin set. */
const ENV_FOR: Record<string, string> = {
  host: 'RELAY_HOST',
  port: 'RELAY_PORT',
  secret: 'RELAY_SECRET',
  hookSecrets: 'RELAY_HOOK_SECRETS',
  trustProxy: 'RELAY_TRUST_PROXY',
  bodyLimitBytes: 'RELAY_BODY_LIMIT_BYTES',
  'buffer.maxEvents': 'RELAY_BUFFER_MAX_EVENTS',
  'buffer.maxAgeMs': 'RELAY_BUFFER_MAX_AGE_S',
  'buffer.maxBytes': 'RELAY_BUFFER_MAX_BYTES',
  'buffer.maxTotalBytes': 'RELAY_BUFFER_MAX_TOTAL_BYTES',
  dataDir: 'RELAY_DATA_DIR',
  redisUrl: 'RELAY_REDIS_URL',
  revocationFile: 'RELAY_REVOKED_TOKENS_FILE',
  maxAgents: 'RELAY_MAX_AGENTS',
  'sessions.maxSessions': 'RELAY_SESSION_MAX',
  'sessions.ttlMs': 'RELAY_SESSION_TTL_S',
  'sessions.maxAgentsPerSession': 'RELAY_SESSION_MAX_AGENTS',
  maxConnections: 'RELAY_MAX_CONNECTIONS',
  maxPendingPerClient: 'RELAY_MAX_PENDING_PER_CLIENT',
  maxPending: 'RELAY_MAX_PENDING',
  'hookRateLimit.max': 'RELAY_HOOK_RATE_MAX',
  'hookRateLimit.windowMs': 'RELAY_HOOK_RATE_WINDOW_MS',
  'wsRateLimit.max': 'RELAY_WS_RATE_MAX',
  'wsRateLimit.windowMs': 'RELAY_WS_RATE_WINDOW_MS',
  'anywhere365.brokerUrl': 'ANYWHERE365_BROKER_URL',
  'anywhere365.imAddresses': 'ANYWHERE365_IM_ADDRESSES',
  'anywhere365.callbackUrl': 'ANYWHERE365_CALLBACK_URL',
  'anywhere365.imAddressKey': 'ANYWHERE365_SUBSCRIBE_IM_ADDRESS_KEY',
  'anywhere365.callbackUrlKey': 'ANYWHERE365_SUBSCRIBE_CALLBACK_KEY',
  'anywhere365.renewIntervalMs': 'ANYWHERE365_RENEW_INTERVAL_S',
};

export function optionsFromEnv(env: NodeJS.ProcessEnv): RelayOptionsInput {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(describe(parsed.error));
  const e = parsed.data;
  const seconds = (s: number | undefined) => (s === undefined ? undefined : s * 1000);
  const options: RelayOptionsInput = {
    host: e.RELAY_HOST,
    port: e.RELAY_PORT,
    secret: e.RELAY_SECRET,
    hookSecrets: e.RELAY_HOOK_SECRETS,
    trustProxy: e.RELAY_TRUST_PROXY,
    bodyLimitBytes: e.RELAY_BODY_LIMIT_BYTES,
    buffer: {
      maxEvents: e.RELAY_BUFFER_MAX_EVENTS,
      maxAgeMs: seconds(e.RELAY_BUFFER_MAX_AGE_S),
      maxBytes: e.RELAY_BUFFER_MAX_BYTES,
      maxTotalBytes: e.RELAY_BUFFER_MAX_TOTAL_BYTES,
    },
    // An empty value (a blank line in an env file) means unset, like a missing one.
    dataDir: e.RELAY_DATA_DIR === '' ? undefined : e.RELAY_DATA_DIR,
    revocationFile: e.RELAY_REVOKED_TOKENS_FILE === '' ? undefined : e.RELAY_REVOKED_TOKENS_FILE,
    redisUrl: e.RELAY_REDIS_URL === '' ? undefined : e.RELAY_REDIS_URL,
    maxAgents: e.RELAY_MAX_AGENTS,
    sessions: {
      maxSessions: e.RELAY_SESSION_MAX,
      ttlMs: seconds(e.RELAY_SESSION_TTL_S),
      maxAgentsPerSession: e.RELAY_SESSION_MAX_AGENTS,
    },
    maxConnections: e.RELAY_MAX_CONNECTIONS,
    maxPendingPerClient: e.RELAY_MAX_PENDING_PER_CLIENT,
    maxPending: e.RELAY_MAX_PENDING,
    hookRateLimit: { max: e.RELAY_HOOK_RATE_MAX, windowMs: e.RELAY_HOOK_RATE_WINDOW_MS },
    wsRateLimit: { max: e.RELAY_WS_RATE_MAX, windowMs: e.RELAY_WS_RATE_WINDOW_MS },
  };
  if (e.ANYWHERE365_BROKER_URL !== undefined) {
    options.anywhere365 = {
      brokerUrl: e.ANYWHERE365_BROKER_URL,
      authorization: e.ANYWHERE365_AUTHORIZATION,
      imAddresses: e.ANYWHERE365_IM_ADDRESSES ?? [],
      callbackUrl: e.ANYWHERE365_CALLBACK_URL,
      imAddressKey: e.ANYWHERE365_SUBSCRIBE_IM_ADDRESS_KEY,
      callbackUrlKey: e.ANYWHERE365_SUBSCRIBE_CALLBACK_KEY,
      renewIntervalMs: seconds(e.ANYWHERE365_RENEW_INTERVAL_S),
    };
  }
  return options;
}

/** Parses the environment into a full config; errors name environment variables. */
export function configFromEnv(env: NodeJS.ProcessEnv): RelayConfig {
  const input = optionsFromEnv(env);
  const result = RelayOptions.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const path = i.path.filter((p) => typeof p === 'string').join('.');
    return `  ${ENV_FOR[path] ?? path}: ${i.message}`;
  });
  throw new ConfigError(`Invalid relay configuration:\n${lines.join('\n')}`);
}
