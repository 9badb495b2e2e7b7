import { describe, expect, it } from 'vitest';
import { CtiError } from '../../model';
import { joinPath, parseBaseUrl } from './base-url';

describe('parseBaseUrl', () => {
  it('keeps a path prefix and drops the query, hash and trailing slashes', () => {
    expect(parseBaseUrl(' https://pbx.example.com/xuc/?a=1#x ', 'XiVO server address').href).toBe(
      'https://pbx.example.com/xuc',
    );
    expect(joinPath(parseBaseUrl('http://127.0.0.1:8090/', 'x'), '/api/login').href).toBe(
      'http://127.0.0.1:8090/api/login',
    );
  });

  it.each([
    ['', 'Enter the MaxContact server address'],
    ['not a url', 'The MaxContact server address "not a url" is not a valid URL'],
    [
      'ftp://files.example.com',
      'The MaxContact server address must start with https:// or http://',
    ],
  ])('refuses %j as a settings problem', (value, message) => {
    const attempt = () => parseBaseUrl(value, 'MaxContact server address');
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(CtiError);
    try {
      attempt();
    } catch (error) {
      expect((error as CtiError).code).toBe('config');
    }
  });
});
