import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../settings/schema';
import { CtiError } from '../../model';
import { signInConnectionFields } from '../../vendor';
import { vendorDescriptor } from '..';
import { xivo } from '.';

function settingsWith(server: string) {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.connection.xivo.server = server;
  return settings;
}

describe('xivo descriptor', () => {
  it('is registered and asks for username, password and phone number', () => {
    expect(vendorDescriptor('xivo')).toBe(xivo);
    expect(xivo.signInFields).toEqual([
      {
        key: 'username',
        label: 'Username',
        type: 'text',
        required: true,
        autocomplete: 'username',
      },
      {
        key: 'password',
        label: 'Password',
        type: 'password',
        required: true,
        autocomplete: 'current-password',
      },
      { key: 'phoneNumber', label: 'Phone number', type: 'tel', required: true },
    ]);
    expect(signInConnectionFields(xivo)).toEqual([
      { key: 'server', label: 'Server', placeholder: 'https://xuc.example.com:8090' },
    ]);
  });

  it('refuses to create an adapter without a usable server address', () => {
    expect(() => xivo.create(settingsWith(''))).toThrow(
      new CtiError('config', 'Enter the XiVO server address'),
    );
    expect(() => xivo.create(settingsWith('ftp://xuc'))).toThrowError(/https:\/\//);
  });

  it('creates an adapter whose capabilities match the descriptor', () => {
    const adapter = xivo.create(settingsWith('https://xuc.example.com:8090'));
    expect(adapter.id).toBe('xivo');
    expect(adapter.capabilities).toBe(xivo.capabilities);
    expect(adapter.capabilities.commands.has('dispose')).toBe(false);
    expect(adapter.heartbeat).toMatchObject({ intervalMs: 5000, missLimit: 3 });
  });
});
