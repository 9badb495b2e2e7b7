/**
 * Chaos: code running in our content script's own world (a compromised renderer, or a bug in our
 * content script) tries to turn the extension against the agent. Not the page's main world: the
 * isolated world the extension's content script runs in, reached over CDP, where `chrome.storage`
 * and `chrome.runtime` are the extension's APIs.
 *
 * - It rewrites settings (a screen-pop rule sending callers to a site the admin never set): no
 *   effect, the next call pops the agent's CRM and nothing else.
 * - It asks for an international dial without the agent's yes: nothing is dialled until the agent
 *   confirms in the panel.
 * - It asks for a dial from a frame on a site click-to-dial does not run on: refused.
 * - Page script that forges pointer moves at a number makes no Call button appear.
 */
import type { CDPSession, Page } from '@playwright/test';
import type { XivoSimulator } from '../simulators/xivo';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { expect, signIn, tabsAt, test } from './fixtures';

interface Evaluated {
  value?: unknown;
  thrown?: string;
}

interface ContentWorld {
  /** Evaluates `expression` (awaited) in the content script's isolated world of that frame. */
  run(expression: string): Promise<Evaluated>;
  detach(): Promise<void>;
}

interface FrameTree {
  frame: { id: string; url: string };
  childFrames?: FrameTree[];
}

const frames = (tree: FrameTree): FrameTree['frame'][] => [
  tree.frame,
  ...(tree.childFrames ?? []).flatMap(frames),
];

/**
 * The isolated world in which this extension's content script runs in the frame whose URL starts
 * with `frameUrl`: CDP reports it as an execution context of type `isolated` named after the
 * extension (its origin is the extension's).
 */
async function contentWorld(
  page: Page,
  extensionId: string,
  frameUrl: string,
): Promise<ContentWorld> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: {
    id: number;
    name: string;
    origin: string;
    auxData?: { type?: string; frameId?: string };
  }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  let contextId: number | undefined;
  await expect
    .poll(async () => {
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const frame = frames(frameTree as FrameTree).find((f) => f.url.startsWith(frameUrl));
      contextId = contexts.find(
        (c) =>
          c.auxData?.type === 'isolated' &&
          c.auxData.frameId === frame?.id &&
          (c.name === 'Switchboard' || c.origin.includes(extensionId)),
      )?.id;
      return contextId !== undefined;
    })
    .toBe(true);
  return {
    async run(expression) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) {
        return { thrown: exceptionDetails.exception?.description ?? exceptionDetails.text };
      }
      return { value: result.value as unknown };
    },
    detach: () => cdp.detach(),
  };
}

const dials = (sim: XivoSimulator) => sim.received.filter((r) => r.frame.command === 'dial');

let foreign: StaticServer | undefined;
test.beforeEach(async () => {
  // Another origin: the site a forged rule would send callers' numbers and names to.
  foreign = await startStaticServer();
});
test.afterEach(async () => {
  await foreign?.close();
  foreign = undefined;
});

test('settings written from a content-script world change nothing the background does', async ({
  ext,
  sim,
  pages,
}) => {
  const crm = `${pages.url}/contacts`;
  const stolen = `${foreign!.url}/steal`;
  const legit = { id: 'crm', trigger: 'ringing', direction: 'inbound', url: `${crm}?phone={e164}` };
  await ext.setUserSettings({ screenPop: { rules: [legit] } });
  const popup = await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/crm.html`);
  const world = await contentWorld(page, ext.extensionId, pages.url);

  // The rule a compromised content script would add: first, so that it wins every call.
  const evil = {
    id: 'evil',
    trigger: 'ringing',
    direction: 'any',
    url: `${stolen}?phone={e164}&name={name}`,
  };
  const values = { screenPop: { rules: [evil, legit], allowedOrigins: [] } };
  try {
    // storage.local is writable from here (Chrome allows it): where settings lived up to 0.3.
    const local = await world.run(
      `chrome.storage.local.set(${JSON.stringify({
        'switchboard.settings': { version: 2, values },
        settings: values,
      })}).then(() => 'written')`,
    );
    expect(local).toEqual({ value: 'written' });
    // storage.session is out of reach of content scripts (TRUSTED_CONTEXTS).
    const session = await world.run(
      `chrome.storage.session.set({ 'switchboard.contentConfig': {} }).then(() => 'written')`,
    );
    expect(session.value).toBeUndefined();
    expect(session.thrown).toBeDefined();
    // The options page's message, sent from a content script: refused.
    const save = await world.run(
      `chrome.runtime.sendMessage(${JSON.stringify({
        type: 'panel/saveSettings',
        patch: values,
      })})`,
    );
    expect(save).toEqual({ value: { ok: false, error: 'Invalid request' } });
    const read = await world.run(`chrome.runtime.sendMessage({ type: 'panel/getSettings' })`);
    expect(read).toEqual({ value: { ok: false, error: 'Invalid request' } });
  } finally {
    await world.detach();
  }

  // The next call pops the agent's CRM (the positive control: the first matching rule wins, so
  // a forged rule in force would have popped instead), and nothing on the foreign site.
  sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'support' });
  await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
  await expect(popup.getByRole('button', { name: 'Answer' })).toBeVisible();
  expect(tabsAt(ext, foreign!.url)).toEqual([]);
  expect(foreign!.requests).toEqual([]);
});

test('an international dial asked from a content-script world waits for the agent’s yes in the panel', async ({
  ext,
  sim,
  pages,
}) => {
  await ext.setUserSettings({ clickToDial: { confirmInternational: true, defaultCountry: 'US' } });
  const popup = await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/crm.html`);
  const world = await contentWorld(page, ext.extensionId, pages.url);
  try {
    const asked = await world.run(
      `chrome.runtime.sendMessage({ type: 'content/dial', e164: '+442079460958' })`,
    );
    // Not dialled: the background asks the agent where no page reaches.
    expect(asked).toEqual({ value: { ok: true, value: { confirm: 'notification' } } });
    const confirm = popup.getByRole('button', { name: 'Call +44 20 7946 0958' });
    await expect(confirm).toBeVisible();
    expect(dials(sim)).toEqual([]);
    // Nor can the content script answer for the agent.
    const forged = await world.run(
      `chrome.runtime.sendMessage({ type: 'panel/confirmDial', id: 'any', call: true })`,
    );
    expect(forged).toEqual({ value: { ok: false, error: 'Invalid request' } });
    expect(dials(sim)).toEqual([]);
  } finally {
    await world.detach();
  }

  // The agent's yes on the trusted surface dials it, once.
  await popup.getByRole('button', { name: 'Call +44 20 7946 0958' }).click();
  await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
    destination: '+442079460958',
  });
  expect(dials(sim)).toHaveLength(1);
});

test('a dial asked from a frame on a site click-to-dial does not run on is refused', async ({
  ext,
  sim,
  pages,
}) => {
  // Click-to-dial runs on the CRM's origin only; the foreign frame inside it is another origin.
  await ext.setUserSettings({
    clickToDial: { sites: { mode: 'allow', patterns: [`${pages.url}/*`] } },
  });
  await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/crm.html`);
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    document.body.append(frame);
  }, `${foreign!.url}/crm.html`);

  const inFrame = await contentWorld(page, ext.extensionId, foreign!.url);
  const dial = `chrome.runtime.sendMessage({ type: 'content/dial', e164: '+14155552671' })`;
  try {
    expect(await inFrame.run(dial)).toEqual({
      value: { ok: false, error: 'Click-to-dial is not enabled on this site' },
    });
  } finally {
    await inFrame.detach();
  }
  expect(dials(sim)).toEqual([]);

  // The positive control: the same request from the CRM's own frame dials.
  const top = await contentWorld(page, ext.extensionId, pages.url);
  try {
    expect(await top.run(dial)).toEqual({ value: { ok: true } });
  } finally {
    await top.detach();
  }
  await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
    destination: '+14155552671',
  });
});

test('page script forging pointer moves at a number makes no Call button appear', async ({
  ext,
  pages,
}) => {
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/crm.html`);
  const button = page.locator('switchboard-call-button');
  // Click-to-dial runs here: the agent's real pointer gets the button (the positive control).
  await expect(async () => {
    await page.mouse.move(0, 0);
    await page.hover('#phone-fr');
    await expect(button).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await page.mouse.move(0, 0);
  await expect(button).toBeHidden();

  // The page dispatches pointer events at another number, from its own script.
  await page.evaluate(async () => {
    const number = document.getElementById('phone-gb')!;
    const box = number.getBoundingClientRect();
    const at = { clientX: box.left + 5, clientY: box.top + box.height / 2, bubbles: true };
    for (let i = 0; i < 20; i++) {
      number.dispatchEvent(new PointerEvent('pointerover', at));
      number.dispatchEvent(new PointerEvent('pointermove', { ...at, composed: true }));
      number.dispatchEvent(new MouseEvent('mousemove', at));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  // Longer than the hover's rest delay many times over: the button would have shown by now.
  await page.waitForTimeout(1_000);
  await expect(button).toHaveCount(0);
});
