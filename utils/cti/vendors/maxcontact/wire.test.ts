import { describe, expect, it } from 'vitest';
import {
  AcdQueueList,
  CallList,
  DialData,
  encodePassword,
  LeadPhoneList,
  leadPhoneIdOf,
  NewLeadData,
  ResultCodeList,
  telephony,
  TokenAnswer,
  UserList,
} from './wire';

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

describe('maxcontact wire: users, ACD queues and leads (§3.4)', () => {
  it('builds the documented paths', () => {
    expect(telephony.users('1001').segments).toEqual(['users', 'user', '1001']);
    expect(telephony.acdqueues('1001').segments).toEqual(['acdqueues', 'user', '1001']);
    expect(telephony.leadphones('1001', '77').segments).toEqual([
      'leadphones',
      'user',
      '1001',
      'lead',
      '77',
    ]);
    expect(telephony.changelead('1001', '1004', '9001').segments).toEqual([
      'changelead',
      'user',
      '1001',
      'call',
      '1004',
      'leadphone',
      '9001',
    ]);
    expect(telephony.createnewlead('1001', '1004', '+447700900123').segments).toEqual([
      'createnewlead',
      'user',
      '1001',
      'call',
      '1004',
      'phone',
      '+447700900123',
    ]);
  });

  it('keeps the readable items of a list and counts the others', () => {
    expect(UserList.parse([{ FullName: 'Priya Shah', ID: 1002 }, { FullName: 'x' }, 'y'])).toEqual({
      items: [{ FullName: 'Priya Shah', ID: '1002' }],
      dropped: 2,
    });
    expect(UserList.parse(null)).toEqual({ items: [], dropped: 0 });
    expect(UserList.safeParse({ ID: 1 }).success).toBe(false);
    expect(
      AcdQueueList.parse([{ ID: '11', AcdName: 'Support', Active: null, SnapshotStats: {} }]),
    ).toEqual({ items: [{ ID: '11', AcdName: 'Support', Active: null }], dropped: 0 });
  });

  it('reads a lead phone’s id under the configured field', () => {
    const { items } = LeadPhoneList.parse([
      {
        LeadId: 77,
        PhoneNumber: '+447700900123',
        RecordType: 'Mobile',
        RecordTypeId: 2,
        LeadPhoneID: 9001,
        ID: 'x',
      },
    ]);
    const [phone] = items;
    expect(phone).toMatchObject({
      LeadId: '77',
      PhoneNumber: '+447700900123',
      RecordType: 'Mobile',
    });
    expect(leadPhoneIdOf(phone!, 'LeadPhoneID')).toBe('9001');
    expect(leadPhoneIdOf(phone!, 'ID')).toBeUndefined();
    expect(leadPhoneIdOf(phone!, 'Missing')).toBeUndefined();
  });

  it('reads the new lead’s id from a createnewlead answer when there is one (assumed)', () => {
    expect(NewLeadData.parse(500001)).toBe('500001');
    expect(NewLeadData.parse('500002')).toBe('500002');
    expect(NewLeadData.parse({ LeadID: 3 })).toBe('3');
    expect(NewLeadData.parse({ Lead: { Id: 4 } })).toBeUndefined();
    expect(NewLeadData.parse(null)).toBeUndefined();
    expect(NewLeadData.parse(true)).toBeUndefined();
  });
});
