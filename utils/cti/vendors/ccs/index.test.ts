import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../settings/schema';
import { CtiError } from '../../model';
import { signInConnectionFields } from '../../vendor';
import { vendorDescriptor } from '..';
import { ccs } from '.';

function settingsWith(domain: string) {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.connection.ccs.domain = domain;
  return settings;
}

describe('ccs descriptor', () => {
  it('is registered, with every sign-in field optional and the token never first', () => {
    expect(vendorDescriptor('ccs')).toBe(ccs);
    expect(ccs.signInFields.map((f) => [f.label, f.type, f.required])).toEqual([
      ['Extension', 'text', false],
      ['PIN', 'password', false],
      ['API token', 'password', false],
    ]);
    expect(signInConnectionFields(ccs).map((f) => f.key)).toEqual([
      'domain',
      'tenantId',
      'extensionId',
      'outboundQueueId',
    ]);
  });

  it('refuses to create an adapter without a usable domain', () => {
    expect(() => ccs.create(settingsWith(''))).toThrow(
      new CtiError('config', 'Enter the Windstream CCS domain'),
    );
    expect(() => ccs.create(settingsWith('ftp://ccs'))).toThrowError(/https:\/\//);
  });

  it('creates an adapter whose capabilities say what CCS cannot do', () => {
    const adapter = ccs.create(settingsWith('https://ccs.example.com'));
    expect(adapter.id).toBe('ccs');
    expect(adapter.capabilities).toBe(ccs.capabilities);
    for (const missing of ['answer', 'hold', 'resume', 'attendedTransfer', 'sendDtmf', 'dispose'])
      expect(adapter.capabilities.commands.has(missing as never)).toBe(false);
    expect(adapter.capabilities.recordingControl).toBe('all');
    expect(adapter.heartbeat).toMatchObject({ intervalMs: 10_000, missLimit: 3 });
  });

  it('reads the event names from the settings, defaults being the §5.5 assumption', () => {
    const settings = settingsWith('https://ccs.example.com');
    expect(settings.connection.ccs).toMatchObject({
      eventTypeKey: 'action',
      eventPayloadKey: 'response',
      eventCallRinging: 'call_ringing',
      eventAgentState: 'update_agent',
      dialFormat: 'digits',
    });
  });
});
