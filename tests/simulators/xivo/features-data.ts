/**
 * The simulator's default queues, directory, conference rooms and callbacks: enough for the
 * panel's sections to show something real in tests and in the demo.
 */
import type { SimCallbackList, SimContact, SimPeriod, SimQueue, SimRoom } from './types';

export const DEFAULT_QUEUES: SimQueue[] = [
  { id: 1, name: 'support', displayName: 'Support', number: '3001' },
  { id: 2, name: 'sales', displayName: 'Sales', number: '3002' },
  { id: 3, name: 'billing', displayName: 'Billing', number: '3003' },
  // XiVO's operator-console queue, listed like any other (api-pages "Queue List").
  { id: 4, name: '__switchboard', displayName: 'Switchboard', number: '3004' },
];

export const DEFAULT_MEMBERS = [
  { agentId: 22, queueId: 1, penalty: 0 },
  { agentId: 22, queueId: 2, penalty: 1 },
];

export const DEFAULT_CONTACTS: SimContact[] = [
  { firstName: 'Bob', lastName: 'Martin', number: '1002', source: 'internal', contactId: '12' },
  { firstName: 'Chloé', lastName: 'Bernard', number: '1003', source: 'internal', contactId: '13' },
  {
    firstName: 'Camille',
    lastName: 'Dubois',
    number: '+33142685300',
    mobile: '+33612345600',
    source: 'crm',
    contactId: 'c-881',
  },
  {
    firstName: 'Oliver',
    lastName: 'Smith',
    number: '+442079460958',
    source: 'crm',
    contactId: 'c-882',
  },
];

export const DEFAULT_ROOMS: SimRoom[] = [
  { number: '4000', name: 'public', pinRequired: false },
  { number: '4001', name: 'conference_support', pinRequired: true },
];

export const DEFAULT_PERIODS: SimPeriod[] = [
  {
    uuid: 'period-morning',
    name: 'Morning',
    periodStart: '09:00:00',
    periodEnd: '12:00:00',
    default: false,
  },
  {
    uuid: 'period-afternoon',
    name: 'Afternoon',
    periodStart: '14:00:00',
    periodEnd: '17:00:00',
    default: true,
  },
];

/** One list on the support queue: an open callback, one another agent took, one mobile-only. */
export function defaultCallbackLists(today: string): SimCallbackList[] {
  const afternoon = DEFAULT_PERIODS[1]!;
  const morning = DEFAULT_PERIODS[0]!;
  const listUuid = 'list-support';
  return [
    {
      uuid: listUuid,
      name: 'Support callbacks',
      queueId: 1,
      callbacks: [
        {
          uuid: 'cb-1',
          listUuid,
          phoneNumber: '+33142685311',
          mobilePhoneNumber: '',
          firstName: 'Paul',
          lastName: 'Lefèvre',
          company: 'Acme',
          description: 'About invoice 42',
          agentId: null,
          dueDate: today,
          preferredPeriod: afternoon,
        },
        {
          uuid: 'cb-2',
          listUuid,
          phoneNumber: '+33142685322',
          mobilePhoneNumber: '',
          firstName: 'Marie',
          lastName: 'Roux',
          company: 'Globex',
          description: null,
          agentId: 23,
          dueDate: today,
          preferredPeriod: morning,
        },
        {
          uuid: 'cb-3',
          listUuid,
          phoneNumber: '',
          mobilePhoneNumber: '+33612345633',
          firstName: 'Léa',
          lastName: 'Moreau',
          company: '',
          description: 'Prefers her mobile',
          agentId: null,
          dueDate: today,
          preferredPeriod: afternoon,
        },
      ],
    },
  ];
}
