import { describe, expect, it, vi } from 'vitest';
import { createLogger, redact, redactText } from './log';
import { CtiError } from './model';

describe('log', () => {
  it('masks values under secret-looking keys, at any depth', () => {
    expect(
      redact({
        username: 'agent7',
        password: 'p',
        nested: { accessToken: 't', list: [{ apiKey: 'k' }] },
      }),
    ).toEqual({
      username: 'agent7',
      password: '[redacted]',
      nested: { accessToken: '[redacted]', list: [{ apiKey: '[redacted]' }] },
    });
  });

  it('scrubs secrets out of free text', () => {
    expect(redactText('GET /login?user=a&password=hunter2&x=1')).toBe(
      'GET /login?user=a&password=[redacted]&x=1',
    );
    expect(redactText('{"token":"abc.def"}')).toBe('{"token":"[redacted]"}');
    expect(redactText('Authorization: Bearer abc.def-ghi')).toBe('Authorization: [redacted]');
    expect(redactText('sent Bearer abc.def-ghi')).toBe('sent Bearer [redacted]');
  });

  it('logs only the name, code and message of an error', () => {
    const error = new CtiError('auth', 'rejected token=abc', { cause: { password: 'p' } });
    expect(redact(error)).toEqual({
      name: 'CtiError',
      code: 'auth',
      message: 'rejected token=[redacted]',
    });
  });

  it('prefixes the scope and drops messages below the level', () => {
    const sink = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const log = createLogger('session', { sink, level: 'info' });
    log.debug('noise');
    log.info('connected', { password: 'p' });
    expect(sink.debug).not.toHaveBeenCalled();
    expect(sink.info).toHaveBeenCalledWith('[switchboard:session] connected', {
      password: '[redacted]',
    });
  });
});
