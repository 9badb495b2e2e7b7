/**
 * The MaxContact Telephony Data Services simulator (vendors/README.md §3, §9), for unit,
 * conformance and end-to-end tests and the demo.
 */
export { startMaxContactSimulator, TELEPHONY_PREFIX, TOKEN_PREFIX } from './server';
export { DEFAULT_RESULT_CODES, DEFAULT_USERS, FIRST_CALL_ID } from './world';
export type {
  InboundCallOptions,
  MalformedKind,
  MaxContactSimOptions,
  MaxContactSimulator,
  ReceivedRequest,
  SimAgentStatus,
  SimCall,
  SimCallState,
  SimResultCode,
  SimUser,
} from './types';
