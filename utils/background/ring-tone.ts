/**
 * The ring tone, generated here (no sound file ships) and played with Web Audio in a document:
 * the offscreen wake document on Chrome and Edge (entrypoints/offscreen/), the background page on
 * Firefox. The background's ring controller (ring.ts) decides when it plays.
 *
 * The pattern is a double burst and a pause, the cadence desk phones use: 0.4 s of tone, 0.2 s
 * of silence, 0.4 s of tone, 2 s of silence, over and over. The tone is two sines a fourth apart
 * (660 and 880 Hz) with a 16 Hz tremolo, which reads as a bell rather than a beep, and each
 * burst fades in and out over 10 ms so that neither the bursts nor the loop point click.
 */

/** One period of the pattern, in seconds. */
export const RING_CYCLE_S = 3;
/** Where the tone sounds within a period: [start, end) in seconds. */
export const RING_BURSTS_S: readonly (readonly [number, number])[] = [
  [0, 0.4],
  [0.6, 1.0],
];
const TONES_HZ = [660, 880] as const;
const TREMOLO_HZ = 16;
const FADE_S = 0.01;

/** One period of the ring pattern as mono samples in [-1, 1] at `sampleRate`. */
export function ringPattern(sampleRate: number): Float32Array<ArrayBuffer> {
  const samples = new Float32Array(Math.round(RING_CYCLE_S * sampleRate));
  for (const [start, end] of RING_BURSTS_S) {
    const from = Math.round(start * sampleRate);
    const to = Math.round(end * sampleRate);
    const fade = Math.max(1, Math.round(FADE_S * sampleRate));
    for (let i = from; i < to; i++) {
      const t = i / sampleRate;
      // Raised-cosine edges: 0 at the first and last sample of the burst, 1 in between.
      const edge = Math.min(i - from, to - 1 - i);
      const envelope = edge >= fade ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edge) / fade);
      const tremolo = 0.7 + 0.3 * Math.sin(2 * Math.PI * TREMOLO_HZ * t);
      const tone = TONES_HZ.reduce((sum, hz) => sum + Math.sin(2 * Math.PI * hz * t), 0);
      samples[i] = (envelope * tremolo * tone) / TONES_HZ.length;
    }
  }
  return samples;
}

/**
 * The gain for a volume setting (0–100). Loudness is heard logarithmically: the square gives a
 * slider whose middle sounds about half as loud as its top, where a linear gain would sound
 * nearly full already.
 */
export function ringGain(volume: number): number {
  const v = Math.min(100, Math.max(0, volume)) / 100;
  return v * v;
}

/** What the ring controller (ring.ts) asks of whatever plays the tone. */
export interface RingPlayer {
  /** Ring at this volume (0–100); called again while ringing to change the volume. */
  play(volume: number): void;
  stop(): void;
}

/** The part of Web Audio the player uses (an `AudioContext`; tests pass a fake). */
export interface RingAudioContext {
  readonly sampleRate: number;
  readonly state: string;
  readonly destination: AudioNode;
  createBuffer(channels: number, length: number, sampleRate: number): AudioBuffer;
  createBufferSource(): AudioBufferSourceNode;
  createGain(): GainNode;
  resume(): Promise<void>;
  suspend(): Promise<void>;
}

export interface TonePlayerDeps {
  /** Called once, at the first ring: a context made before any sound is wanted wastes a device. */
  audioContext(): RingAudioContext;
  /** The player's state as it changes: `playing` once the audio device actually runs. */
  report?(state: 'playing' | 'stopped'): void;
  /** The tone could not play (no audio device, the browser refused): the agent is told. */
  failed(reason: string): void;
}

/** Plays `ringPattern` in a loop through one gain node: one sound, however often `play` is called. */
export function createTonePlayer(deps: TonePlayerDeps): RingPlayer {
  let context: RingAudioContext | undefined;
  let buffer: AudioBuffer | undefined;
  let ringing: { source: AudioBufferSourceNode; gain: GainNode } | undefined;

  function start(ctx: RingAudioContext, volume: number): void {
    if (!buffer) {
      const samples = ringPattern(ctx.sampleRate);
      buffer = ctx.createBuffer(1, samples.length, ctx.sampleRate);
      buffer.copyToChannel(samples, 0);
    }
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.loop = true;
    const gain = ctx.createGain();
    gain.gain.value = ringGain(volume);
    source.connect(gain);
    gain.connect(ctx.destination);
    source.start();
    ringing = { source, gain };
    const now = ringing;
    // A context the browser keeps suspended (no device, an autoplay rule) plays nothing.
    ctx.resume().then(
      () => {
        if (ringing !== now) return;
        if (ctx.state === 'running') deps.report?.('playing');
        else deps.failed(`the audio output stayed ${ctx.state}`);
      },
      (error: unknown) => ringing === now && deps.failed(String(error)),
    );
  }

  return {
    play(volume) {
      if (ringing) {
        ringing.gain.gain.value = ringGain(volume);
        return;
      }
      try {
        context ??= deps.audioContext();
        start(context, volume);
      } catch (error) {
        deps.failed(error instanceof Error ? error.message : String(error));
      }
    },
    stop() {
      if (!ringing) return;
      const { source, gain } = ringing;
      ringing = undefined;
      try {
        source.stop();
        source.disconnect();
        gain.disconnect();
      } finally {
        // Release the audio device between calls; the next ring resumes it.
        void context?.suspend().catch(() => undefined);
        deps.report?.('stopped');
      }
    },
  };
}
