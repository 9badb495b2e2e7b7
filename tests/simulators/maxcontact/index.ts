/**
 * The MaxContact Telephony Data Services simulator (vendors/README.md §3, §9), for unit,
 * conformance and end-to-end tests and the demo.
 */
export { startMaxContactSimulator, TELEPHONY_PREFIX, TOKEN_PREFIX } from './server';
export { DEFAULT_ACD_QUEUES, DEFAULT_RESULT_CODES, DEFAULT_USERS, FIRST_CALL_ID } from './world';
export { DEFAULT_LEADS, FIRST_LEAD_ID, FIRST_LEAD_PHONE_ID } from './leads';
export type {
  InboundCallOptions,
  LeadSeed,
  MalformedKind,
  MaxContactSimOptions,
  MaxContactSimulator,
  ReceivedRequest,
  SimAcdQueue,
  SimAgentStatus,
  SimCall,
  SimCallState,
  SimLead,
  SimLeadPhone,
  SimResultCode,
  SimUser,
} from './types';
