/**
 * Counters and gauges in Prometheus text format (exposition format 0.0.4). Labels are low-cardinality
 * only (source, reason, state) — never agent identities, which are personal data.
 */
type Labels = Record<string, string>;

interface Family {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

const labelKey = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());
const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class Metrics {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): (labels?: Labels, by?: number) => void {
    const family = this.family(name, help, 'counter');
    return (labels = {}, by = 1) => {
      const key = labelKey(labels);
      const entry = family.values.get(key) ?? { labels, value: 0 };
      entry.value += by;
      family.values.set(key, entry);
    };
  }

  /** A gauge read when /metrics is scraped. */
  gauge(name: string, help: string, read: () => Array<{ labels?: Labels; value: number }>): void {
    const family = this.family(name, help, 'gauge');
    this.readers.set(name, () => {
      family.values.clear();
      for (const { labels = {}, value } of read()) {
        family.values.set(labelKey(labels), { labels, value });
      }
    });
  }

  /** Current value of a counter or gauge series (tests and /healthz). */
  value(name: string, labels: Labels = {}): number {
    this.readers.get(name)?.();
    return this.families.get(name)?.values.get(labelKey(labels))?.value ?? 0;
  }

  render(): string {
    for (const read of this.readers.values()) read();
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      if (f.values.size === 0 && f.type === 'counter') out.push(`${name} 0`);
      for (const { labels, value } of f.values.values()) {
        const l = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
        out.push(`${name}${l.length ? `{${l.join(',')}}` : ''} ${value}`);
      }
    }
    return out.join('\n') + '\n';
  }

  private readonly readers = new Map<string, () => void>();

  private family(name: string, help: string, type: Family['type']): Family {
    const existing = this.families.get(name);
    if (existing) return existing;
    const created: Family = { help, type, values: new Map() };
    this.families.set(name, created);
    return created;
  }
}

/** The relay's counters, created once per relay instance. */
export function createRelayCounters(m: Metrics) {
  return {
    received: m.counter('relay_events_received_total', 'Webhook events accepted, by source.'),
    routed: m.counter('relay_events_routed_total', 'Events stored for an agent, by source.'),
    sessionCopies: m.counter(
      'relay_events_session_copies_total',
      'Copies of a call event routed to the other agents of its call (after a transfer), by source.',
    ),
    dropped: m.counter('relay_events_dropped_total', 'Webhook events not routed, by reason.'),
    delivered: m.counter('relay_frames_delivered_total', 'Event frames sent to sockets.'),
    authFailures: m.counter('relay_auth_failures_total', 'Hello frames refused, by reason.'),
    gaps: m.counter('relay_gaps_total', 'Gap frames sent to reconnecting clients.'),
    closed: m.counter('relay_ws_closed_total', 'Sockets the relay closed, by reason.'),
    subscriptionLost: m.counter(
      'relay_anywhere365_subscription_lost_total',
      'Renewals that found the broker had forgotten the previous subscription.',
    ),
    journalFailures: m.counter(
      'relay_journal_failures_total',
      'Failed journal operations in the data directory, by op (append, compact, sync).',
    ),
    revocationFailures: m.counter(
      'relay_revocation_failures_total',
      'Times the token revocation list could not be read (the last one read stays in force).',
    ),
    subscribeFailures: m.counter(
      'relay_anywhere365_subscribe_failures_total',
      'Failed subscribe requests to the Anywhere365 broker.',
    ),
  };
}
export type RelayCounters = ReturnType<typeof createRelayCounters>;
