/**
 * The panel in its own window ("Pop out", components/PopOutButton.tsx): a small `popup` window
 * showing the side panel's page with `?popout=1`, which stays put whichever tab the agent is on.
 * One at a time: asking again brings the open one to the front. It opens where it was last, at
 * the size it last had, kept inside the screen the agent asked from (a monitor unplugged since
 * must not leave it out of sight).
 *
 * The background owns it, so it is found again after the popup that asked has closed or the
 * worker restarted: the window's id lives in `storage.session`, its place in IndexedDB
 * (window-db.ts). The place is saved whenever the browser reports a move or a resize
 * (`windows.onBoundsChanged`, Chrome and Edge); a browser without that event (Firefox) has the
 * window's place read every few seconds while it is open, and at every focus change.
 */
import type { KeyValueArea } from '../cti/store';
import { t } from '../i18n/runtime';
import { fail, ok, type Reply } from '../messaging';

export interface Bounds {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The part of the screen windows may use (`screen.avail*` of the page that asked). */
export type ScreenArea = Bounds;

/**
 * `screen.avail*` of the page this runs in (a panel, Firefox's background page): where windows may
 * go on that screen. Not for Chrome's service worker, which has no screen (availLeft is not in
 * lib.dom).
 */
export function usableScreen(): ScreenArea {
  const s = screen as Screen & { availLeft?: number; availTop?: number };
  return {
    left: Math.round(s.availLeft ?? 0),
    top: Math.round(s.availTop ?? 0),
    width: Math.max(1, Math.round(s.availWidth)),
    height: Math.max(1, Math.round(s.availHeight)),
  };
}

/** Its first size: about a side panel's width, most of a laptop screen's height. */
export const POP_OUT_SIZE = { width: 400, height: 720 };
/** Smaller than this, the call card and its controls no longer fit. */
export const POP_OUT_MIN = { width: 320, height: 400 };
/** The first time it opens in the screen's top right corner, this far from the edges. */
const MARGIN = 24;
/** How often a browser without `onBoundsChanged` has the window's place read. */
export const POP_OUT_POLL_MS = 2_000;
/** The version of the saved bounds record. */
export const POP_OUT_BOUNDS_VERSION = 1;

/**
 * The query flag of the page the window shows, the side panel's (`sidepanel.html?popout=1`): the
 * page offers no second Pop out.
 */
export const POP_OUT_FLAG = 'popout';

/** Every sentence the pop-out may say (locales/en.yml `popOut`), in the interface's language. */
export const POP_OUT_TEXT = {
  failed: (reason: string) => t('popOut.failed', { reason }),
  noWindow: () => t('popOut.noWindow'),
  unavailable: () => t('popOut.unavailable'),
};

/** `value` within [lo, hi]; when the range is empty (a tiny screen), `hi`: fit the screen first. */
const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/** Where the window opens: the saved place and size, or the first ones, inside `screen`. */
export function placeWindow(saved: Bounds | undefined, screen: ScreenArea): Bounds {
  const right = screen.left + screen.width;
  const bottom = screen.top + screen.height;
  const width = clamp(saved?.width ?? POP_OUT_SIZE.width, POP_OUT_MIN.width, screen.width);
  const height = clamp(saved?.height ?? POP_OUT_SIZE.height, POP_OUT_MIN.height, screen.height);
  const left = clamp(saved?.left ?? right - width - MARGIN, screen.left, right - width);
  const top = clamp(saved?.top ?? screen.top + MARGIN, screen.top, bottom - height);
  return {
    left: Math.round(left),
    top: Math.round(top),
    width: Math.round(width),
    height: Math.round(height),
  };
}

/** What the browser says of a window. */
export interface WindowInfo {
  id?: number;
  left?: number;
  top?: number;
  width?: number;
  height?: number;
  state?: string;
}

/** A window's place worth keeping: a normal window (not minimised, maximised or full screen). */
export function boundsOf(window: WindowInfo): Bounds | undefined {
  const { left, top, width, height, state } = window;
  if (state !== undefined && state !== 'normal') return undefined;
  const values = [left, top, width, height];
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined;
  return { left: left!, top: top!, width: width!, height: height! };
}

/** A saved record as read back: anything that is not one is no place at all. */
export function savedBounds(record: unknown): Bounds | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { version, ...rest } = record as { version?: unknown } & WindowInfo;
  if (version !== POP_OUT_BOUNDS_VERSION) return undefined;
  const bounds = boundsOf({ ...rest, state: 'normal' });
  return bounds && bounds.width > 0 && bounds.height > 0 ? bounds : undefined;
}

/** The part of `browser.windows` the pop-out uses. */
export interface WindowsApi {
  create(data: {
    url: string;
    type: 'popup';
    left?: number;
    top?: number;
    width: number;
    height: number;
  }): Promise<WindowInfo | undefined>;
  get(windowId: number): Promise<WindowInfo>;
  update(windowId: number, info: { focused: true }): Promise<unknown>;
}

export interface PopOutDeps {
  windows: WindowsApi;
  /** The side panel's page with `POP_OUT_FLAG`. */
  url: string;
  /** storage.session, under `key`: the open window's id. */
  area: KeyValueArea;
  key: string;
  /** Where the place is kept (storage/window-db.ts), under `recordKey`. */
  records: KeyValueArea;
  recordKey: string;
  /** Where the browser reports no moves (Firefox): read the place every `POP_OUT_POLL_MS`. */
  poll?: { setInterval(fn: () => void, ms: number): unknown; clearInterval(timer: unknown): void };
  log(message: string, error?: unknown): void;
}

export interface PopOut {
  /** Bring the window to the front, or open it: what the Pop out button asks. */
  open(screen: ScreenArea): Promise<Reply<undefined>>;
  /** `windows.onBoundsChanged`: a window moved or was resized. */
  boundsChanged(window: WindowInfo): void;
  /** `windows.onRemoved`. */
  removed(windowId: number): void;
  /** Read the window's place now (the poll, `windows.onFocusChanged`). */
  check(): Promise<void>;
}

export function createPopOut(deps: PopOutDeps): PopOut {
  /** The open window's id; undefined: not known yet in this worker (ask `area`). */
  let known: number | null | undefined;
  let last: string | undefined;
  let timer: unknown;
  // One open at a time: two quick clicks must not make two windows.
  let chain: Promise<unknown> = Promise.resolve();

  /** Where moves are not reported, the place is read while the window is open, and only then. */
  function watch(open: boolean): void {
    if (!deps.poll) return;
    if (open && timer === undefined) {
      timer = deps.poll.setInterval(() => void check(), POP_OUT_POLL_MS);
    } else if (!open && timer !== undefined) {
      deps.poll.clearInterval(timer);
      timer = undefined;
    }
  }

  async function windowId(): Promise<number | undefined> {
    if (known === undefined) {
      // A restarted background finds the window it opened before.
      const stored = await deps.area.get(deps.key);
      known = typeof stored === 'number' ? stored : null;
      watch(known !== null);
    }
    return known ?? undefined;
  }

  async function remember(id: number | null): Promise<void> {
    known = id;
    watch(id !== null);
    await deps.area.set(deps.key, id);
  }

  function save(bounds: Bounds): void {
    const text = JSON.stringify(bounds);
    if (text === last) return;
    last = text;
    deps.records
      .set(deps.recordKey, { version: POP_OUT_BOUNDS_VERSION, ...bounds })
      .catch((error: unknown) => deps.log('the pop-out window’s place was not saved', error));
  }

  async function check(): Promise<void> {
    const id = await windowId();
    if (id === undefined) return;
    try {
      const bounds = boundsOf(await deps.windows.get(id));
      if (bounds) save(bounds);
    } catch {
      // Closed meanwhile: `removed` forgets it.
    }
  }

  async function focusOpen(id: number): Promise<boolean> {
    try {
      await deps.windows.get(id);
    } catch {
      return false; // closed while this worker was stopped
    }
    await deps.windows.update(id, { focused: true });
    return true;
  }

  /**
   * New windows come to the front by default (`focused` was unsupported in older Firefox). A
   * browser may refuse the place, if the page's idea of its screen was wrong (Chrome wants half
   * the window on a screen): then the browser places it, at the size it would have had.
   */
  async function create(place: Bounds) {
    try {
      return await deps.windows.create({ url: deps.url, type: 'popup', ...place });
    } catch (error) {
      deps.log('the pop-out window’s place was refused; the browser places it', error);
      const { width, height } = place;
      return deps.windows.create({ url: deps.url, type: 'popup', width, height });
    }
  }

  async function open(screen: ScreenArea): Promise<Reply<undefined>> {
    try {
      const id = await windowId();
      if (id !== undefined && (await focusOpen(id))) return ok(undefined);
      const saved = savedBounds(await deps.records.get(deps.recordKey).catch(() => undefined));
      const place = placeWindow(saved, screen);
      const created = await create(place);
      if (created?.id === undefined) return fail(POP_OUT_TEXT.noWindow());
      await remember(created.id);
      return ok(undefined);
    } catch (error) {
      deps.log('pop-out window not opened', error);
      return fail(POP_OUT_TEXT.failed(error instanceof Error ? error.message : String(error)));
    }
  }

  return {
    open(screen) {
      const next = chain.then(() => open(screen));
      chain = next;
      return next;
    },
    boundsChanged(window) {
      void windowId().then((id) => {
        const bounds = id !== undefined && window.id === id ? boundsOf(window) : undefined;
        if (bounds) save(bounds);
      });
    },
    removed(closed) {
      void windowId().then((id) => (id === closed ? remember(null) : undefined));
    },
    check,
  };
}
