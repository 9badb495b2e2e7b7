import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../settings/schema';
import { CtiError } from '../../model';
import { signInConnectionFields } from '../../vendor';
import { vendorDescriptor } from '..';
import { maxcontact } from '.';

function settingsWith(baseUrl: string) {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.connection.maxcontact.baseUrl = baseUrl;
  return settings;
}

describe('maxcontact descriptor', () => {
  it('is registered and asks for username and password, with server and user id', () => {
    expect(vendorDescriptor('maxcontact')).toBe(maxcontact);
    expect(maxcontact.signInFields.map((f) => [f.key, f.label, f.type, f.required])).toEqual([
      ['username', 'Username', 'text', true],
      ['password', 'Password', 'password', true],
    ]);
    expect(signInConnectionFields(maxcontact).map((f) => f.key)).toEqual(['baseUrl', 'userId']);
  });

  it('has default connection settings for every field it reads', () => {
    expect(DEFAULT_SETTINGS.connection.maxcontact).toEqual({
      baseUrl: '',
      userId: '',
      dialFormat: 'e164',
      pollIntervalMs: 1000,
      idlePollIntervalMs: 5000,
      transferResultCode: '',
      // Assumed URLs of the undocumented requests (paths.ts) and the lead phone id field.
      notReadyPath: 'gonotready/user/{user}',
      breakPath: 'requestbreak/user/{user}',
      logoutPath: 'logout/user/{user}',
      transferToUserPath: 'transfertouser/user/{user}/call/{call}/touser/{target}',
      completeTransferPath: '',
      leadPhoneIdField: 'LeadPhoneID',
    });
  });

  it('refuses to create an adapter without a usable server address', () => {
    expect(() => maxcontact.create(settingsWith(''))).toThrow(
      new CtiError('config', 'Enter the MaxContact server address'),
    );
    expect(() => maxcontact.create(settingsWith('ftp://acme'))).toThrowError(/https:\/\//);
  });

  it('creates a polling adapter without answer, with vendor dispositions and a heartbeat', () => {
    const adapter = maxcontact.create(settingsWith('https://acme.maxcontact.com'));
    expect(adapter.id).toBe('maxcontact');
    expect(adapter.capabilities).toBe(maxcontact.capabilities);
    expect(adapter.capabilities.commands.has('answer')).toBe(false);
    expect(adapter.capabilities.commands.has('dispose')).toBe(true);
    expect(adapter.capabilities.dispositions).toBe('vendor');
    expect([...(adapter.capabilities.features ?? [])].sort()).toEqual([
      'callData',
      'directory',
      'queues',
    ]);
    expect(adapter.heartbeat).toMatchObject({ intervalMs: 15_000, missLimit: 2 });
  });
});
