/**
 * Single call lookup (api-pages §4.20, `GET /calls/<id>`, "Calls View" permission): a call event
 * that names a call we never saw and no number (a `call_answered` with only a call id, or a
 * ringing event that names only the extension) is held while the call's row is read, then applied
 * with what the row says, so the panel shows who is calling instead of an "Unknown number" call.
 *
 * Events about the same call that arrive meanwhile are folded into the held one (the latest kind
 * wins); an end event drops it, and the tracker ignores the late answer of an ended call. When the
 * lookup fails (the call is gone, the permission is missing, the link failed) the event is applied
 * as it came, and the tracker's own rule holds: an answer naming nobody starts no call.
 */
import { CtiError } from '../../model';
import { definedFields, type CallEventKind } from './calls';
import type { CallRecord } from './wire';

/** More lookups at once than this: the others are applied as they came. */
export const MAX_LOOKUPS = 10;

export interface LookupDeps {
  read(callId: string): Promise<CallRecord>;
  /** Apply the event; `found`: the record is the call's row as CCS listed it. */
  apply(kind: CallEventKind, record: CallRecord): void;
  /** A lookup failed (logged; a protocol error is also reported). */
  failed(error: CtiError): void;
}

export class CallLookup {
  private readonly held = new Map<
    string,
    { kind: Exclude<CallEventKind, 'ended'>; record: CallRecord }
  >();

  constructor(private readonly deps: LookupDeps) {}

  /**
   * Whether the event (not an end) is held for a lookup, started now or already under way: the
   * caller must not apply it now. False when too many lookups are under way.
   */
  hold(kind: Exclude<CallEventKind, 'ended'>, record: CallRecord): boolean {
    const id = record.callId;
    const waiting = this.held.get(id);
    if (waiting) {
      waiting.kind = kind;
      waiting.record = { ...waiting.record, ...definedFields(record) };
      return true;
    }
    if (this.held.size >= MAX_LOOKUPS) return false;
    this.held.set(id, { kind, record });
    void this.run(id);
    return true;
  }

  /** The call ended: a held event about it is dropped, and so is its lookup's answer. */
  drop(callId: string): void {
    this.held.delete(callId);
  }

  /** Drop every held event (the connection is going). */
  clear(): void {
    this.held.clear();
  }

  private async run(callId: string): Promise<void> {
    let row: CallRecord | undefined;
    try {
      row = await this.deps.read(callId);
    } catch (error) {
      this.deps.failed(
        error instanceof CtiError
          ? error
          : new CtiError('network', String(error), { cause: error }),
      );
    }
    const event = this.held.get(callId);
    if (!event) return;
    this.held.delete(callId);
    this.deps.apply(event.kind, row ? { ...row, ...definedFields(event.record) } : event.record);
  }
}
