import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../cti/adapter';
import type { CommandType } from '../cti/model';
import { XIVO_CAPABILITIES } from '../cti/vendors/xivo/adapter';
import { resolveSettings } from '../settings/policy';
import { effectiveCapabilities } from './capabilities';

const CODES = [{ code: 'sale', label: 'Sale' }];
const withCodes = (codes: { code: string; label: string }[]) =>
  resolveSettings({ dispositions: { codes } }, {}).settings;

function caps(dispositions: Capabilities['dispositions'], commands: CommandType[]): Capabilities {
  return {
    commands: new Set(commands),
    agentStates: new Set(['ready']),
    dispositions,
    dispositionCallback: false,
    recordingControl: 'none',
  };
}

describe('effectiveCapabilities', () => {
  it('adds dispose to a policy vendor when the admin configured codes', () => {
    const effective = effectiveCapabilities(XIVO_CAPABILITIES, withCodes(CODES));
    expect(effective.commands.has('dispose')).toBe(true);
    // Everything else is the vendor's.
    expect([...effective.commands].filter((c) => c !== 'dispose').sort()).toEqual(
      [...XIVO_CAPABILITIES.commands].sort(),
    );
    expect(effective.agentStates).toBe(XIVO_CAPABILITIES.agentStates);
    expect(effective.dispositions).toBe('policy');
    expect(effective.recordingControl).toBe(XIVO_CAPABILITIES.recordingControl);
  });

  it('offers no dispose without codes, even when the vendor listed it', () => {
    expect(effectiveCapabilities(XIVO_CAPABILITIES, withCodes([])).commands.has('dispose')).toBe(
      false,
    );
    const listed = caps('policy', ['dial', 'dispose']);
    expect([...effectiveCapabilities(listed, withCodes([])).commands]).toEqual(['dial']);
  });

  it('never changes the vendor descriptor it was given', () => {
    const before = [...XIVO_CAPABILITIES.commands];
    effectiveCapabilities(XIVO_CAPABILITIES, withCodes(CODES));
    expect([...XIVO_CAPABILITIES.commands]).toEqual(before);
    const listed = caps('policy', ['dispose']);
    effectiveCapabilities(listed, withCodes([]));
    expect(listed.commands.has('dispose')).toBe(true);
  });

  it('leaves a vendor with its own disposition list alone, whatever the policy says', () => {
    const vendor = caps('vendor', ['dial', 'dispose']);
    expect(effectiveCapabilities(vendor, withCodes([]))).toBe(vendor);
    expect(effectiveCapabilities(vendor, withCodes(CODES))).toBe(vendor);
    const without = caps('vendor', ['dial']);
    expect(effectiveCapabilities(without, withCodes(CODES)).commands.has('dispose')).toBe(false);
  });
});
