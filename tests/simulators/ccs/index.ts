/**
 * The Windstream CCS simulator (vendors/README.md §5, §9), for unit, conformance and end-to-end
 * tests and the demo.
 */
export { startCcsSimulator } from './server';
export { CCS_PERMISSIONS } from './access';
export {
  COLLEAGUE,
  DEFAULT_ACDS,
  DEFAULT_EVENTS,
  DEFAULT_EXTENSIONS,
  DEFAULT_OUTBOUND_QUEUE,
  DEFAULT_PRESENCE_OPTIONS,
  DEFAULT_TENANT,
} from './world';
export type {
  CcsSimOptions,
  CcsSimulator,
  FrameRecord,
  InboundCallOptions,
  RestRecord,
  SimAcd,
  SimCall,
  SimCallStatus,
  SimEventNames,
  SimExtension,
  SimPermission,
  SimPresenceOption,
  SimRecord,
  SimRole,
} from './types';
