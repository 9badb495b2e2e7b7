import { describe, expect, it, vi } from 'vitest';
import {
  createTonePlayer,
  RING_BURSTS_S,
  RING_CYCLE_S,
  ringGain,
  ringPattern,
  type RingAudioContext,
} from './ring-tone';

const RATE = 8_000;

describe('the ring pattern', () => {
  const samples = ringPattern(RATE);
  const at = (s: number) => Math.round(s * RATE);

  it('is one cycle long, within [-1, 1], and sounds only in its bursts', () => {
    expect(samples.length).toBe(RING_CYCLE_S * RATE);
    expect(Math.max(...samples.map(Math.abs))).toBeLessThanOrEqual(1);
    const inBurst = (i: number) => RING_BURSTS_S.some(([a, b]) => i >= at(a) && i < at(b));
    const loud = [...samples.keys()].filter((i) => samples[i] !== 0);
    expect(loud.every(inBurst)).toBe(true);
    for (const [a, b] of RING_BURSTS_S) {
      const burst = samples.subarray(at(a), at(b));
      // Audible across the burst, not a click at one end.
      expect(Math.max(...burst.map(Math.abs))).toBeGreaterThan(0.5);
    }
  });

  it('fades each burst in and out, so neither the bursts nor the loop point click', () => {
    for (const [a, b] of RING_BURSTS_S) {
      expect(Math.abs(samples[at(a)]!)).toBe(0);
      expect(Math.abs(samples[at(b) - 1]!)).toBeLessThan(1e-9);
      // The first 2 ms rise gently.
      const early = samples.subarray(at(a), at(a) + at(0.002));
      expect(Math.max(...early.map(Math.abs))).toBeLessThan(0.25);
    }
    expect(samples[samples.length - 1]).toBe(0);
  });
});

describe('the volume', () => {
  it('maps 0–100 onto a gain from silent to full that grows with the setting', () => {
    expect(ringGain(0)).toBe(0);
    expect(ringGain(100)).toBe(1);
    expect(ringGain(50)).toBeCloseTo(0.25);
    expect(ringGain(150)).toBe(1);
    expect(ringGain(-5)).toBe(0);
    for (let v = 1; v <= 100; v++) expect(ringGain(v)).toBeGreaterThan(ringGain(v - 1));
  });
});

/** Enough of Web Audio to see what the player builds and starts. */
function fakeAudio(resumesTo: 'running' | 'suspended' = 'running') {
  const sources: {
    start: ReturnType<typeof vi.fn>;
    stop: ReturnType<typeof vi.fn>;
    loop: boolean;
  }[] = [];
  const gains: { gain: { value: number } }[] = [];
  const node = () => ({ connect: vi.fn(), disconnect: vi.fn() });
  let state = 'suspended';
  const context = {
    sampleRate: RATE,
    get state() {
      return state;
    },
    destination: {} as AudioNode,
    createBuffer: (_c: number, length: number) =>
      ({ length, copyToChannel: vi.fn() }) as unknown as AudioBuffer,
    createBufferSource: () => {
      const source = { ...node(), start: vi.fn(), stop: vi.fn(), loop: false, buffer: null };
      sources.push(source);
      return source as unknown as AudioBufferSourceNode;
    },
    createGain: () => {
      const gain = { ...node(), gain: { value: 1 } };
      gains.push(gain);
      return gain as unknown as GainNode;
    },
    resume: vi.fn(async () => void (state = resumesTo)),
    suspend: vi.fn(async () => void (state = 'suspended')),
  } satisfies RingAudioContext;
  return { context, sources, gains };
}

describe('the tone player', () => {
  it('loops one source at the gain of the volume, reports playing, and stops it', async () => {
    const audio = fakeAudio();
    const report = vi.fn();
    const failed = vi.fn();
    const make = vi.fn(() => audio.context);
    const player = createTonePlayer({ audioContext: make, report, failed });
    player.play(50);
    player.play(100);
    await vi.waitFor(() => expect(report).toHaveBeenCalledWith('playing'));
    expect(audio.sources).toHaveLength(1);
    expect(audio.sources[0]).toMatchObject({ loop: true });
    expect(audio.sources[0]!.start).toHaveBeenCalledOnce();
    expect(audio.gains[0]!.gain.value).toBe(1);
    player.stop();
    player.stop();
    expect(audio.sources[0]!.stop).toHaveBeenCalledOnce();
    expect(audio.context.suspend).toHaveBeenCalledOnce();
    expect(report).toHaveBeenLastCalledWith('stopped');
    // The next ring reuses the context: one audio device for the whole day.
    player.play(20);
    expect(make).toHaveBeenCalledOnce();
    expect(audio.sources).toHaveLength(2);
    expect(failed).not.toHaveBeenCalled();
  });

  it('says so when the browser keeps the audio output suspended', async () => {
    const audio = fakeAudio('suspended');
    const failed = vi.fn();
    createTonePlayer({ audioContext: () => audio.context, failed }).play(70);
    await vi.waitFor(() => expect(failed).toHaveBeenCalledWith(expect.stringMatching(/suspended/)));
  });

  it('says so when there is no audio at all', () => {
    const failed = vi.fn();
    const player = createTonePlayer({
      audioContext: () => {
        throw new Error('AudioContext is not defined');
      },
      failed,
    });
    player.play(70);
    expect(failed).toHaveBeenCalledWith('AudioContext is not defined');
    expect(() => player.stop()).not.toThrow();
  });
});
