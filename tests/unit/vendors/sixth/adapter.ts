/**
 * The sixth vendor's adapter: no server, calls arrive only from its portal page (`receive`).
 */
import type {
  AdapterContext,
  Capabilities,
  EventSource,
  VendorAdapter,
} from '../../../../utils/cti/adapter';
import { CtiError, type Command } from '../../../../utils/cti/model';
import { toE164ByLibphonenumber } from '../../../../utils/phone/format';

export const SIXTH_CAPABILITIES: Capabilities = {
  commands: new Set(['hangup']),
  agentStates: new Set(['ready']),
  dispositions: 'policy',
  dispositionCallback: false,
  recordingControl: 'none',
};

export class SixthAdapter implements VendorAdapter {
  readonly id = 'sixth';
  readonly capabilities = SIXTH_CAPABILITIES;
  private ctx: AdapterContext | undefined;

  constructor(
    private readonly connection: { server: string },
    private readonly defaultCountry: string | undefined,
  ) {}

  async connect(ctx: AdapterContext): Promise<void> {
    if (!this.connection.server) throw new CtiError('config', 'Enter the Sixth server');
    if (!ctx.credentials.agentId) throw new CtiError('auth', 'Enter your agent ID');
    this.ctx = ctx;
    ctx.emit({ type: 'transport', mode: 'events' });
  }

  async resync(): Promise<void> {
    this.ctx?.emit({ type: 'callsSnapshot', calls: [] });
    this.ctx?.emit({ type: 'agent', agent: { status: 'ready' } });
  }

  async execute(command: Command): Promise<void> {
    if (command.type !== 'hangup') throw new CtiError('unsupported', command.type);
    this.ctx?.emit({ type: 'callEnded', callId: command.callId, endedAt: Date.now() });
  }

  async disconnect(): Promise<void> {
    this.ctx = undefined;
  }

  receive(source: EventSource, payload: unknown): void {
    const from = (payload as { from?: unknown }).from;
    if (source !== 'portal' || typeof from !== 'string') return;
    const e164 = toE164ByLibphonenumber(from, this.defaultCountry);
    this.ctx?.emit({
      type: 'callUpsert',
      call: {
        id: `sixth:${from}`,
        vendorCallId: from,
        direction: 'inbound',
        state: 'ringing',
        remote: { raw: from, ...(e164 ? { e164 } : {}) },
        startedAt: Date.now(),
      },
    });
  }
}
