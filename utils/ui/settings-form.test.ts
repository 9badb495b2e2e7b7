import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { connectionFields } from './schema-fields';
import {
  changedLeaves,
  errorsAt,
  getAt,
  linesToList,
  rebaseDraft,
  setAt,
  validateSettings,
} from './settings-form';

describe('settings form helpers', () => {
  it('reads and writes dotted paths without mutating', () => {
    const base = structuredClone(DEFAULT_SETTINGS);
    const next = setAt(base, 'connection.xivo.server', 'https://x');
    expect(getAt(next, 'connection.xivo.server')).toBe('https://x');
    expect(base.connection.xivo.server).toBe('');
    const rules = setAt({ rules: [{ id: 'a' }, { id: 'b' }] }, 'rules.1.id', 'c');
    expect(rules).toEqual({ rules: [{ id: 'a' }, { id: 'c' }] });
  });

  it('validates with the schema and keys messages by path', () => {
    const draft = setAt(
      setAt(DEFAULT_SETTINGS, 'clickToDial.defaultCountry', 'usa'),
      'clickToDial.blockedPrefixes',
      ['+1900', '1900'],
    );
    const result = validateSettings(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(errorsAt(result.errors, 'clickToDial.defaultCountry')).toEqual([
      'Two capital letters, e.g. US',
    ]);
    expect(errorsAt(result.errors, 'clickToDial.blockedPrefixes')).toEqual([
      'Line 2: An E.164 prefix such as +1900',
    ]);
  });

  it('says "Required" for empty required text', () => {
    const draft = setAt(DEFAULT_SETTINGS, 'dispositions.codes', [{ code: '', label: 'Sale' }]);
    const result = validateSettings(draft);
    expect(result.ok ? {} : result.errors).toEqual({ 'dispositions.codes.0.code': 'Required' });
  });

  it('saves only what changed', () => {
    const draft = setAt(setAt(DEFAULT_SETTINGS, 'vendor', 'ccs'), 'clickToDial.sites.patterns', [
      'a.com',
    ]);
    expect(changedLeaves(DEFAULT_SETTINGS, draft)).toEqual({
      vendor: 'ccs',
      clickToDial: { sites: { patterns: ['a.com'] } },
    });
  });

  it('keeps unsaved edits but takes policy values when settings change underneath', () => {
    const oldBase = DEFAULT_SETTINGS;
    const draft = setAt(setAt(oldBase, 'clickToDial.defaultCountry', 'FR'), 'vendor', 'ccs');
    const newBase = setAt(
      setAt(setAt(oldBase, 'connection.xivo.server', 'https://policy'), 'vendor', 'maxcontact'),
      'ui.language',
      'de',
    );
    const out = rebaseDraft(oldBase, draft, newBase, (p) => p === 'vendor');
    expect(out.vendor).toBe('maxcontact');
    expect(out.clickToDial.defaultCountry).toBe('FR');
    expect(out.connection.xivo.server).toBe('https://policy');
    expect(out.ui.language).toBe('de');
  });

  it('splits lists by line', () => {
    expect(linesToList(' a.com \n\n b.com\n')).toEqual(['a.com', 'b.com']);
  });

  it('reads every connection field a vendor declares from the schema', () => {
    expect(connectionFields('xivo')).toEqual([
      { key: 'server', field: { kind: 'text' } },
      { key: 'dialFormat', field: { kind: 'enum', options: ['e164', 'national', 'digits'] } },
      { key: 'dialPrefix', field: { kind: 'text' } },
      { key: 'historyTimeZone', field: { kind: 'text' } },
      { key: 'historySource', field: { kind: 'enum', options: ['user', 'agent'] } },
      { key: 'answerTimeoutS', field: { kind: 'number' } },
      { key: 'queuePenalty', field: { kind: 'number' } },
    ]);
    expect(connectionFields('nope')).toEqual([]);
  });
});
