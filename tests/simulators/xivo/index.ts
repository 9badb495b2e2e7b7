/**
 * The XiVO xuc simulator (vendors/README.md §1, §9), for unit, conformance and end-to-end tests
 * and the demo.
 */
export { startXivoSimulator } from './server';
export { DEFAULT_USERS } from './world';
export type {
  ClientFrame,
  InboundCallOptions,
  ReceivedFrame,
  SimCall,
  SimCallState,
  SimUser,
  XivoSimOptions,
  XivoSimulator,
} from './types';
