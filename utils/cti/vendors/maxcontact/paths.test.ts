import { describe, expect, it } from 'vitest';
import { ASSUMED_PATHS, expandPath, pathTemplate } from './paths';
import { maxcontactConnection } from './settings';

describe('maxcontact assumed request paths (§3.4)', () => {
  it('fills the placeholders of the defaults into the documented path style', () => {
    expect(expandPath(ASSUMED_PATHS.notReadyPath, { user: '1001' })).toEqual({
      method: 'gonotready',
      segments: ['gonotready', 'user', '1001'],
    });
    expect(
      expandPath(ASSUMED_PATHS.transferToUserPath, { user: '1001', call: '1004', target: '1002' }),
    ).toEqual({
      method: 'transfertouser',
      segments: ['transfertouser', 'user', '1001', 'call', '1004', 'touser', '1002'],
    });
  });

  it('takes a query part and placeholders inside a segment', () => {
    expect(
      expandPath('transfer/user/{user}/call-{call}?touser={target}&mode=blind', {
        user: '7',
        call: '1000',
        target: '8',
      }),
    ).toEqual({
      method: 'transfer',
      segments: ['transfer', 'user', '7', 'call-1000'],
      query: { touser: '8', mode: 'blind' },
    });
  });

  it('accepts the defaults and refuses paths that cannot be right', () => {
    const transfer = pathTemplate('', ['user', 'call', 'target']);
    for (const value of Object.values(ASSUMED_PATHS).filter(Boolean)) {
      expect(pathTemplate('', ['user']).safeParse(value).success, value).toBe(true);
    }
    const problems: [string, RegExp][] = [
      ['', /request name/],
      ['transfertouser/user/{user}/call/{call}', /\{target\}/],
      ['/transfertouser/user/{user}/call/{call}/touser/{target}', /request name/],
      ['transfertouser//{user}/{call}/{target}', /placeholders/],
      ['transfertouser/{user}/{agent}/{call}/{target}', /placeholders/],
      ['transfertouser/{user}/{call}?to={target}?x=1', /at most one/],
      ['transfertouser/{user}/{call}?{target}', /query/],
      ['https://evil.example/{user}/{call}/{target}', /placeholders|request name/],
    ];
    for (const [value, message] of problems) {
      const parsed = transfer.safeParse(value);
      expect(parsed.success, value).toBe(false);
      expect(parsed.error?.issues[0]?.message, value).toMatch(message);
    }
    expect(pathTemplate('', ['user', 'call'], true).safeParse('').success).toBe(true);
  });

  it('are connection settings with the assumed defaults', () => {
    const settings = maxcontactConnection.schema.parse({});
    expect(settings).toMatchObject({ ...ASSUMED_PATHS, leadPhoneIdField: 'LeadPhoneID' });
    expect(maxcontactConnection.schema.safeParse({ logoutPath: 'signout/agent' }).success).toBe(
      false,
    );
    expect(maxcontactConnection.schema.safeParse({ leadPhoneIdField: 'Lead Phone' }).success).toBe(
      false,
    );
  });
});
