/**
 * The ring tone in Chromium: the offscreen wake document plays it while the simulator rings the
 * agent and stops the moment the call is answered. `data-ring` is set to `playing` only once the
 * document's audio context actually runs, so this also checks that Web Audio plays in a document
 * opened with the WORKERS reason alone (utils/background/wake.ts `WAKE_REASON`).
 */
import { expect, signIn, test } from './fixtures';
import { offscreenRing } from '../support/offscreen';

test('the offscreen document rings while a call rings, and stops when it is answered', async ({
  ext,
  sim,
}) => {
  const popup = await signIn(ext, sim);
  // The document opens at sign-in, silent.
  await expect.poll(() => offscreenRing(ext)).toBe('stopped');

  sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'support' });
  await expect.poll(() => offscreenRing(ext)).toBe('playing');

  await popup.getByRole('button', { name: 'Answer' }).click();
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();
  await expect.poll(() => offscreenRing(ext)).toBe('stopped');
});

test('the ring stops when the call is taken on the desk phone', async ({ ext, sim }) => {
  await signIn(ext, sim);
  await expect.poll(() => offscreenRing(ext)).toBe('stopped');
  const call = sim.inboundCall({ from: '+33123456789', queue: 'support' });
  await expect.poll(() => offscreenRing(ext)).toBe('playing');
  call.answer();
  await expect.poll(() => offscreenRing(ext)).toBe('stopped');
});
