import { describe, expect, it } from 'vitest';
import { CallList, DialData, encodePassword, ResultCodeList, telephony, TokenAnswer } from './wire';

describe('maxcontact wire: requests (§3.4)', () => {
  it('builds the documented paths and queries', () => {
    expect(telephony.getcalls('1001')).toEqual({
      method: 'getcalls',
      segments: ['getcalls', 'user', '1001'],
    });
    expect(telephony.dial('1001', '+441632960123', '77')).toEqual({
      method: 'dial',
      segments: ['dial', 'user', '1001', 'phone', '+441632960123'],
      query: { leadid: '77' },
    });
    expect(telephony.dispose('1001', '1004', 'SALE')).toEqual({
      method: 'dispose',
      segments: ['dispose', 'user', '1001', 'call', '1004'],
      query: { resultcode: 'SALE' },
    });
    expect(
      telephony.connectcalls('1001', {
        call1: '1',
        call2: '2',
        resultcode1: 'X',
        resultcode2: 'X',
      }),
    ).toEqual({
      method: 'connectcalls',
      segments: ['connectcalls', 'user', '1001'],
      query: { call1: '1', call2: '2', resultcode1: 'X', resultcode2: 'X' },
    });
    expect(telephony.stoprecord('1001', '9').segments).toEqual([
      'stoprecord',
      'user',
      '1001',
      'call',
      '9',
    ]);
  });

  it('encodes the password in Base64 without a scheme (§3.3)', () => {
    expect(encodePassword('secret')).toBe('c2VjcmV0');
    expect(Buffer.from(encodePassword('pässwörd'), 'base64').toString('utf8')).toBe('pässwörd');
  });
});

describe('maxcontact wire: answers (§3.5)', () => {
  it('reads calls leniently on display fields and strictly on CallId', () => {
    const parsed = CallList.parse([
      {
        CallId: 1000,
        CallStartTime: '2024-05-01T10:00:00.123',
        CallState: 2,
        CallStatus: 0,
        CustomerName: ' Oliver Smith ',
        CustomerName2: null,
        PhoneNumber: 441632960123,
        RecordingState: 1,
      },
      { CallId: '1001' },
    ]);
    expect(parsed[0]).toMatchObject({
      CallId: '1000',
      CustomerName: 'Oliver Smith',
      CustomerName2: undefined,
      PhoneNumber: '441632960123',
    });
    expect(parsed[1]?.CallId).toBe('1001');
    expect(parsed[1]?.CallStartTime).toBeUndefined();
    expect(CallList.parse(null)).toEqual([]);
    expect(CallList.safeParse([{ CallId: 'abc' }]).success).toBe(false);
    expect(CallList.safeParse([{ PhoneNumber: '1' }]).success).toBe(false);
    expect(DialData.parse(null)).toBeNull();
  });

  it('reads result codes', () => {
    expect(
      ResultCodeList.parse([{ Code: 'SALE', Description: 'Sale', IsTransfer: false }, { Code: 7 }]),
    ).toEqual([
      expect.objectContaining({ Code: 'SALE', Description: 'Sale' }),
      expect.objectContaining({ Code: '7' }),
    ]);
    expect(ResultCodeList.safeParse([{ Code: '' }]).success).toBe(false);
  });

  it('reads the token at the top level or inside an envelope', () => {
    expect(TokenAnswer.parse({ TokenKey: 'abc' })).toBe('abc');
    expect(TokenAnswer.parse({ Success: true, Data: { TokenKey: 'def' }, ResponseCode: 0 })).toBe(
      'def',
    );
    expect(TokenAnswer.safeParse({ Success: false, Data: null }).success).toBe(false);
  });
});
