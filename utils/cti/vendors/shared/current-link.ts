/**
 * An adapter's current connection, for adapters that keep per-connection state in a link object
 * (MaxContact, uContact). At most one link is live; stopping is idempotent and runs the adapter's
 * cleanup once; a lost link is reported to the session once, and only while it is live.
 */
import type { AdapterContext } from '../../adapter';
import { CtiError } from '../../model';

/** What every such link has: its context, and whether it was stopped. */
export interface AdapterLink {
  ctx: AdapterContext;
  stopped: boolean;
}

export class CurrentLink<L extends AdapterLink> {
  private link: L | undefined;

  /**
   * @param vendor the product name, for "Not connected to …"
   * @param cleanup frees what the link holds (timers, sockets); `current` says whether it was
   *   the adapter's current link
   */
  constructor(
    private readonly vendor: string,
    private readonly cleanup: (link: L, current: boolean) => void,
  ) {}

  /** The live link, if any. */
  get value(): L | undefined {
    return this.link;
  }

  /** Makes `link` current, stopping the one before. */
  set(link: L): void {
    this.stopCurrent();
    this.link = link;
  }

  /** The live link; CtiError('network') when there is none. */
  require(): L {
    if (!this.link || this.link.stopped) {
      throw new CtiError('network', `Not connected to ${this.vendor}`);
    }
    return this.link;
  }

  stop(link: L): void {
    if (link.stopped) return;
    link.stopped = true;
    const current = this.link === link;
    if (current) this.link = undefined;
    this.cleanup(link, current);
  }

  stopCurrent(): void {
    if (this.link) this.stop(this.link);
  }

  /** The transport is gone: stop the link and tell the session, once. */
  lost(link: L, error: CtiError): void {
    if (link.stopped) return;
    this.stop(link);
    link.ctx.emit({ type: 'connectionLost', error });
  }
}
