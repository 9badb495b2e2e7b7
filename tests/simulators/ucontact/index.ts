/** The uContact Integra simulator (vendors/README.md §4, §9). */
export {
  API_PREFIX,
  API_TOKEN,
  DEFAULT_AGENT,
  startUcontactSimulator,
  validSchedule,
} from './server';
export type {
  PortalPayload,
  SimAgent,
  UcontactRequest,
  UcontactSimCall,
  UcontactSimulator,
} from './server';
