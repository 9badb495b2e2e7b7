import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { localeMessages } from '../../tests/support/messages';
import { checkProperty } from '../../tests/support/property';
import { closeApps, createHarness, memoryArea } from '../../tests/support/background-harness';
import {
  boundsOf,
  createPopOut,
  placeWindow,
  POP_OUT_BOUNDS_VERSION,
  POP_OUT_MIN,
  POP_OUT_POLL_MS,
  POP_OUT_SIZE,
  POP_OUT_TEXT,
  savedBounds,
  type Bounds,
  type WindowInfo,
  type WindowsApi,
} from './pop-out';
import { setMessages } from '../i18n/runtime';

const SCREEN = { left: 0, top: 0, width: 1920, height: 1040 };
const URL_ = 'chrome-extension://abc/sidepanel.html?popout=1';

describe('where the window opens', () => {
  it('the first time: its first size, in the top right corner of the screen', () => {
    const place = placeWindow(undefined, SCREEN);
    expect(place).toMatchObject(POP_OUT_SIZE);
    expect(place.left + place.width).toBeLessThan(SCREEN.width);
    expect(place.left).toBeGreaterThan(SCREEN.width / 2);
    expect(place.top).toBeGreaterThanOrEqual(0);
  });

  it('then where it was, at the size it had', () => {
    const saved = { left: 100, top: 50, width: 500, height: 800 };
    expect(placeWindow(saved, SCREEN)).toEqual(saved);
  });

  it('pulled back inside a screen it would leave (a monitor unplugged since), and never below its smallest', () => {
    expect(placeWindow({ left: 3000, top: -400, width: 500, height: 800 }, SCREEN)).toEqual({
      left: 1420,
      top: 0,
      width: 500,
      height: 800,
    });
    expect(placeWindow({ left: 10, top: 10, width: 50, height: 60 }, SCREEN)).toMatchObject(
      POP_OUT_MIN,
    );
    // A second screen to the left of the first has negative coordinates.
    const left = { left: -1280, top: 0, width: 1280, height: 1024 };
    expect(placeWindow({ left: -900, top: 100, width: 400, height: 700 }, left)).toEqual({
      left: -900,
      top: 100,
      width: 400,
      height: 700,
    });
  });

  it('always lies inside the screen, whatever was saved and however small the screen', () => {
    const int = fc.integer({ min: -50_000, max: 50_000 });
    const bounds = fc.record({ left: int, top: int, width: int, height: int });
    const screen = fc.record({
      left: fc.integer({ min: -10_000, max: 10_000 }),
      top: fc.integer({ min: -10_000, max: 10_000 }),
      width: fc.integer({ min: 1, max: 8_000 }),
      height: fc.integer({ min: 1, max: 8_000 }),
    });
    checkProperty(
      'pop-out placement',
      fc.property(fc.option(bounds, { nil: undefined }), screen, (saved, area) => {
        const p = placeWindow(saved, area);
        expect(p.left).toBeGreaterThanOrEqual(area.left);
        expect(p.top).toBeGreaterThanOrEqual(area.top);
        expect(p.left + p.width).toBeLessThanOrEqual(area.left + area.width);
        expect(p.top + p.height).toBeLessThanOrEqual(area.top + area.height);
        expect(p.width).toBe(Math.min(area.width, Math.max(POP_OUT_MIN.width, p.width)));
        expect(p.height).toBe(Math.min(area.height, Math.max(POP_OUT_MIN.height, p.height)));
      }),
      { numRuns: 3_000, label: 'saved bounds × screens' },
    );
  });
});

describe('the place it keeps', () => {
  it('only a normal window’s, with every number there', () => {
    const w = { left: 1, top: 2, width: 300, height: 400 };
    expect(boundsOf({ ...w, state: 'normal' })).toEqual(w);
    expect(boundsOf(w)).toEqual(w);
    for (const state of ['minimized', 'maximized', 'fullscreen'])
      expect(boundsOf({ ...w, state })).toBeUndefined();
    expect(boundsOf({ ...w, left: undefined })).toBeUndefined();
    expect(boundsOf({ ...w, width: Number.NaN })).toBeUndefined();
  });

  it('reads back only a record of its own version and shape', () => {
    const w = { left: 1, top: 2, width: 300, height: 400 };
    expect(savedBounds({ version: POP_OUT_BOUNDS_VERSION, ...w })).toEqual(w);
    checkProperty(
      'pop-out saved bounds',
      fc.property(fc.anything(), (value) => {
        const read = savedBounds(value);
        if (read === undefined) return;
        for (const v of Object.values(read)) expect(Number.isFinite(v)).toBe(true);
        expect(read.width).toBeGreaterThan(0);
        expect(read.height).toBeGreaterThan(0);
      }),
      { numRuns: 2_000, label: 'arbitrary stored values' },
    );
    expect(savedBounds({ ...w, version: 2 })).toBeUndefined();
    expect(savedBounds({ version: 1, ...w, height: 0 })).toBeUndefined();
    expect(savedBounds('1,2,300,400')).toBeUndefined();
  });
});

/** `browser.windows` with windows that exist until removed. */
function fakeWindows() {
  const open = new Map<number, WindowInfo>();
  let next = 1;
  const api = {
    create: vi.fn(async (data: Parameters<WindowsApi['create']>[0]) => {
      const { left, top, width, height } = data;
      const w = { id: next++, left, top, width, height, state: 'normal' };
      open.set(w.id, w);
      return { ...w };
    }),
    get: vi.fn(async (id: number) => {
      const w = open.get(id);
      if (!w) throw new Error(`No window with id: ${id}.`);
      return { ...w };
    }),
    update: vi.fn(async (id: number) => open.get(id)),
  } satisfies WindowsApi;
  return { api, open };
}

function popOutWith(
  windows = fakeWindows(),
  records = memoryArea(),
  area = memoryArea(),
  poll?: Parameters<typeof createPopOut>[0]['poll'],
) {
  const log = vi.fn();
  const popOut = createPopOut({
    windows: windows.api,
    url: URL_,
    area,
    key: 'switchboard.popOutWindow',
    records,
    recordKey: 'popOut',
    poll,
    log,
  });
  return { popOut, windows, records, area, log };
}

const moved: Bounds = { left: 200, top: 150, width: 450, height: 760 };

describe('the pop-out window', () => {
  it('opens once: a second click brings the same window to the front', async () => {
    const { popOut, windows } = popOutWith();
    expect(await popOut.open(SCREEN)).toEqual({ ok: true, value: undefined });
    expect(await popOut.open(SCREEN)).toEqual({ ok: true, value: undefined });
    expect(windows.api.create).toHaveBeenCalledTimes(1);
    expect(windows.api.create).toHaveBeenCalledWith({
      url: URL_,
      type: 'popup',
      ...placeWindow(undefined, SCREEN),
    });
    expect(windows.api.update).toHaveBeenCalledWith(1, { focused: true });
  });

  it('makes one window however fast the clicks come', async () => {
    const { popOut, windows } = popOutWith();
    await Promise.all([popOut.open(SCREEN), popOut.open(SCREEN), popOut.open(SCREEN)]);
    expect(windows.api.create).toHaveBeenCalledTimes(1);
  });

  it('remembers where it was moved, and opens there after it was closed', async () => {
    const { popOut, windows, records } = popOutWith();
    await popOut.open(SCREEN);
    // Another window moving is none of its business; a maximised one has no place to keep.
    popOut.boundsChanged({ id: 99, ...moved, state: 'normal' });
    popOut.boundsChanged({ id: 1, left: 0, top: 0, width: 1920, height: 1040, state: 'maximized' });
    popOut.boundsChanged({ id: 1, ...moved, state: 'normal' });
    await vi.waitFor(async () =>
      expect(await records.get('popOut')).toEqual({ version: POP_OUT_BOUNDS_VERSION, ...moved }),
    );
    windows.open.delete(1);
    popOut.removed(1);
    await popOut.open(SCREEN);
    expect(windows.api.create).toHaveBeenLastCalledWith({ url: URL_, type: 'popup', ...moved });
  });

  it('opens a new window when the one it knew was closed while the worker was stopped', async () => {
    const area = memoryArea();
    const records = memoryArea();
    const windows = fakeWindows();
    await popOutWith(windows, records, area).popOut.open(SCREEN);
    // A restarted worker finds the open window by its id in storage.session…
    const restarted = popOutWith(windows, records, area).popOut;
    await restarted.open(SCREEN);
    expect(windows.api.create).toHaveBeenCalledTimes(1);
    // …and opens another when that window has gone meanwhile (no onRemoved reached it).
    windows.open.clear();
    await popOutWith(windows, records, area).popOut.open(SCREEN);
    expect(windows.api.create).toHaveBeenCalledTimes(2);
  });

  it('where moves are not reported, reads the place while the window is open, and only then', async () => {
    vi.useFakeTimers();
    try {
      const poll = { setInterval, clearInterval };
      const { popOut, windows, records } = popOutWith(undefined, undefined, undefined, poll);
      await popOut.open(SCREEN);
      Object.assign(windows.open.get(1)!, moved);
      await vi.advanceTimersByTimeAsync(POP_OUT_POLL_MS);
      expect(await records.get('popOut')).toEqual({ version: POP_OUT_BOUNDS_VERSION, ...moved });
      windows.open.delete(1);
      popOut.removed(1);
      await vi.advanceTimersByTimeAsync(0);
      windows.api.get.mockClear();
      await vi.advanceTimersByTimeAsync(POP_OUT_POLL_MS * 3);
      expect(windows.api.get).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets the browser place it when the browser refuses the place', async () => {
    const windows = fakeWindows();
    windows.api.create.mockRejectedValueOnce(
      new Error(
        'Invalid value for bounds. Bounds must be at least 50% within visible screen space.',
      ),
    );
    const { popOut } = popOutWith(windows);
    expect(await popOut.open(SCREEN)).toMatchObject({ ok: true });
    expect(windows.api.create).toHaveBeenLastCalledWith({
      url: URL_,
      type: 'popup',
      width: POP_OUT_SIZE.width,
      height: POP_OUT_SIZE.height,
    });
  });

  it('says why it could not open, and a place that cannot be saved stops nothing', async () => {
    const windows = fakeWindows();
    windows.api.create.mockRejectedValueOnce(new Error('Invalid value for bounds'));
    windows.api.create.mockRejectedValueOnce(new Error('Invalid value for bounds'));
    const records = memoryArea();
    records.set = async () => {
      throw new Error('QuotaExceededError');
    };
    const { popOut, log } = popOutWith(windows, records);
    expect(await popOut.open(SCREEN)).toEqual({
      ok: false,
      error: 'The panel could not open in its own window: Invalid value for bounds',
    });
    expect(await popOut.open(SCREEN)).toMatchObject({ ok: true });
    popOut.boundsChanged({ id: 1, ...moved });
    await vi.waitFor(() =>
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/not saved/), expect.any(Error)),
    );
  });
});

describe('what the pop-out says', () => {
  it('says a browser that gave no window, in the interface’s language', async () => {
    const windows = fakeWindows();
    windows.api.create.mockResolvedValueOnce({} as never);
    const { popOut } = popOutWith(windows);
    expect(await popOut.open(SCREEN)).toEqual({
      ok: false,
      error: 'The panel could not open in its own window: the browser gave no window',
    });
    setMessages('fr', localeMessages('fr'));
    windows.api.create.mockRejectedValueOnce(new Error('Invalid value for bounds'));
    windows.api.create.mockRejectedValueOnce(new Error('Invalid value for bounds'));
    expect(await popOut.open(SCREEN)).toEqual({
      ok: false,
      error: POP_OUT_TEXT.failed('Invalid value for bounds'),
    });
    expect(POP_OUT_TEXT.failed('x')).toBe(
      'Le panneau n’a pas pu s’ouvrir dans sa propre fenêtre : x',
    );
  });
});

describe('the panel/popOut message', () => {
  it('is refused with a reason where the browser has no windows to open', async () => {
    const bg = await createHarness();
    try {
      expect(await bg.send({ type: 'panel/popOut', screen: SCREEN })).toEqual({
        ok: false,
        error: 'This browser cannot open the panel in its own window.',
      });
    } finally {
      await closeApps();
    }
  });
});
