/**
 * The Anywhere365 CTI Broker simulator (vendors/README.md §2, §9), for unit, conformance and
 * end-to-end tests and the demo. Its webhooks go to whatever callback was subscribed: in tests,
 * the Switchboard relay's `hookUrl('anywhere365')`.
 */
export { startAnywhere365Simulator } from './server';
export { DEFAULT_AGENTS } from './world';
export type {
  Anywhere365SimOptions,
  Anywhere365Simulator,
  Delivery,
  MalformedKind,
  ReceivedRequest,
  SimCall,
  Subscription,
} from './types';
