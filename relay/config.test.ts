import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config';

const BASE = {
  RELAY_SECRET: 'relay-secret-0123456789-0123456789-abc',
  RELAY_HOOK_SECRETS: 'hook_secret_0123456789, second_secret_987654',
};

describe('configFromEnv', () => {
  it('fills defaults and splits lists', () => {
    const c = configFromEnv(BASE);
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      trustProxy: false,
      hookSecrets: ['hook_secret_0123456789', 'second_secret_987654'],
      buffer: { maxEvents: 1000, maxAgeMs: 600_000 },
      hookRateLimit: { max: 300, windowMs: 1000 },
    });
    expect(c.anywhere365).toBeUndefined();
  });

  it('reads the Anywhere365 settings, seconds as milliseconds, default body keys', () => {
    const c = configFromEnv({
      ...BASE,
      RELAY_TRUST_PROXY: '127.0.0.1',
      RELAY_BUFFER_MAX_AGE_S: '120',
      ANYWHERE365_BROKER_URL: 'https://broker.example.com/cti',
      ANYWHERE365_IM_ADDRESSES: 'sip:a@example.com,sip:b@example.com',
      ANYWHERE365_CALLBACK_URL:
        'https://relay.example.com/hooks/hook_secret_0123456789/anywhere365',
      ANYWHERE365_SUBSCRIBE_CALLBACK_KEY: 'Url',
      ANYWHERE365_RENEW_INTERVAL_S: '60',
    });
    expect(c.trustProxy).toBe('127.0.0.1');
    expect(c.buffer.maxAgeMs).toBe(120_000);
    expect(c.anywhere365).toMatchObject({
      imAddresses: ['sip:a@example.com', 'sip:b@example.com'],
      imAddressKey: 'ImAddress',
      callbackUrlKey: 'Url',
      renewIntervalMs: 60_000,
    });
  });

  it('reads RELAY_DATA_DIR; unset or empty means memory only', () => {
    expect(configFromEnv(BASE).dataDir).toBeUndefined();
    expect(configFromEnv({ ...BASE, RELAY_DATA_DIR: '' }).dataDir).toBeUndefined();
    expect(configFromEnv({ ...BASE, RELAY_DATA_DIR: '/var/lib/relay' }).dataDir).toBe(
      '/var/lib/relay',
    );
    expect(() => configFromEnv({ ...BASE, RELAY_DATA_DIR: 'bad\0dir' })).toThrow(
      /RELAY_DATA_DIR: must not contain NUL/,
    );
  });

  it('reads RELAY_REDIS_URL; unset or empty means one process, another scheme is refused', () => {
    expect(configFromEnv(BASE).redisUrl).toBeUndefined();
    expect(configFromEnv({ ...BASE, RELAY_REDIS_URL: '' }).redisUrl).toBeUndefined();
    const url = 'redis://:pw@redis.internal:6379/2';
    expect(configFromEnv({ ...BASE, RELAY_REDIS_URL: url }).redisUrl).toBe(url);
    expect(() => configFromEnv({ ...BASE, RELAY_REDIS_URL: 'http://redis.internal' })).toThrow(
      /RELAY_REDIS_URL/,
    );
    expect(() =>
      configFromEnv({ ...BASE, RELAY_REDIS_URL: 'http://user:secret-value@redis.internal' }),
    ).not.toThrow(/secret-value/);
  });

  it('reads the hardening limits and the revocation list path', () => {
    const c = configFromEnv({
      ...BASE,
      RELAY_BUFFER_MAX_BYTES: '4096',
      RELAY_BUFFER_MAX_TOTAL_BYTES: '65536',
      RELAY_MAX_PENDING_PER_CLIENT: '5',
      RELAY_MAX_PENDING: '50',
      RELAY_REVOKED_TOKENS_FILE: '/etc/switchboard-relay/revoked-tokens',
    });
    expect(c).toMatchObject({
      buffer: { maxBytes: 4096, maxTotalBytes: 65536 },
      maxPendingPerClient: 5,
      maxPending: 50,
      revocationFile: '/etc/switchboard-relay/revoked-tokens',
    });
    expect(configFromEnv(BASE)).toMatchObject({
      buffer: { maxBytes: 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 },
      maxPendingPerClient: 20,
      maxPending: 1000,
    });
    expect(configFromEnv(BASE).revocationFile).toBeUndefined();
    expect(() => configFromEnv({ ...BASE, RELAY_MAX_PENDING_PER_CLIENT: '0' })).toThrow(
      /RELAY_MAX_PENDING_PER_CLIENT/,
    );
    expect(() => configFromEnv({ ...BASE, RELAY_TRUST_PROXY: 'proxy.example.com' })).toThrow(
      /RELAY_TRUST_PROXY: must be true, false, or IP/,
    );
  });

  it('names every bad variable and never echoes a value', () => {
    const env = {
      RELAY_SECRET: 'too-short-secret',
      RELAY_HOOK_SECRETS: 'short',
      RELAY_PORT: 'eighty',
      ANYWHERE365_BROKER_URL: 'ftp://broker',
    };
    let message = '';
    try {
      configFromEnv(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain('RELAY_PORT');
    expect(message).not.toContain('too-short-secret');
  });

  it('reports option-level errors under the variable name', () => {
    const env = { ...BASE, RELAY_HOOK_SECRETS: 'short', ANYWHERE365_BROKER_URL: 'ftp://broker' };
    expect(() => configFromEnv(env)).toThrow(/RELAY_HOOK_SECRETS[\s\S]*ANYWHERE365_BROKER_URL/);
    expect(() => configFromEnv(env)).toThrow(/ANYWHERE365_IM_ADDRESSES/);
    expect(() => configFromEnv({ RELAY_HOOK_SECRETS: 'hook_secret_0123456789' })).toThrow(
      /RELAY_SECRET: is required/,
    );
  });
});
