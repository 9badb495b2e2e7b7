/** The uContact Integra simulator (vendors/README.md §4, §9). */
export {
  API_PREFIX,
  API_TOKEN,
  DEFAULT_AGENT,
  startUcontactSimulator,
  validSchedule,
} from './server';
export type {
  SimBlack,
  SimDialer,
  SimDialerTask,
  SimRespool,
  SimScheduledCall,
  SimTag,
} from './dialer';
export { DEFAULT_QUEUES, type SimQueue } from './supervisor';
export type {
  PortalPayload,
  RouteFamily,
  SimAgent,
  UcontactRequest,
  UcontactSimCall,
  UcontactSimulator,
} from './server';
