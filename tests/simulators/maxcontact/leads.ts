/**
 * The simulated platform's leads (MaxContact's customer records, vendors/README.md §3.4): each has
 * phones; a dialled number is matched to the newest lead with it, else a new lead is created (the
 * API page's "Dial"); `leadphones`, `changelead` and `createnewlead` read and change them.
 */
import type { LeadSeed, SimLead, SimLeadPhone } from './types';

/** Lead ids and lead phone ids are longs on the platform (§3.4): start well above CallIds. */
export const FIRST_LEAD_ID = 500_001;
export const FIRST_LEAD_PHONE_ID = 900_001;

/** Two of the demo callers (traffic.ts) are leads with a second phone. */
export const DEFAULT_LEADS: LeadSeed[] = [
  {
    phones: [
      { number: '+441632960123', type: 'Home' },
      { number: '+447700900123', type: 'Mobile' },
    ],
  },
  {
    phones: [
      { number: '+442079460958', type: 'Work' },
      { number: '+447700900456', type: 'Mobile' },
    ],
  },
];

/** The record types the simulator gives phones, with their ids. */
const RECORD_TYPES: Readonly<Record<string, number>> = { Home: 1, Mobile: 2, Work: 3, Other: 4 };

const digits = (value: string) => value.replace(/\D/g, '');

export class SimLeads {
  private readonly list: SimLead[] = [];
  private nextLead = FIRST_LEAD_ID;
  private nextPhone = FIRST_LEAD_PHONE_ID;

  /** Leads live in the platform's database: a platform restart keeps them. */
  constructor(seeds: readonly LeadSeed[]) {
    for (const seed of seeds) this.add(seed);
  }

  all(): SimLead[] {
    return [...this.list];
  }

  add(seed: LeadSeed): SimLead {
    const LeadId = seed.LeadId ?? this.nextLead;
    if (this.get(LeadId)) throw new Error(`The MaxContact simulator has a lead ${LeadId} already`);
    this.nextLead = Math.max(this.nextLead, LeadId + 1);
    const phones: SimLeadPhone[] = seed.phones.map(({ number, type = 'Other' }) => ({
      LeadPhoneID: this.nextPhone++,
      LeadId,
      PhoneNumber: number,
      RecordType: type,
      RecordTypeId: RECORD_TYPES[type] ?? 0,
    }));
    const lead: SimLead = { LeadId, phones };
    this.list.push(lead);
    return lead;
  }

  get(leadId: number): SimLead | undefined {
    return this.list.find((l) => l.LeadId === leadId);
  }

  phone(leadPhoneId: number): SimLeadPhone | undefined {
    for (const lead of this.list) {
      const phone = lead.phones.find((p) => p.LeadPhoneID === leadPhoneId);
      if (phone) return phone;
    }
    return undefined;
  }

  /** The newest lead with this number (digits compared), else a new lead with it. */
  matchOrCreate(number: string): SimLead {
    const wanted = digits(number);
    const match = [...this.list]
      .reverse()
      .find((l) => l.phones.some((p) => wanted !== '' && digits(p.PhoneNumber) === wanted));
    return match ?? this.add({ phones: [{ number, type: 'Other' }] });
  }
}
