/**
 * `npm start`: build the extension, start a vendor simulator with a stream of realistic calls and
 * a demo CRM page, and launch Chromium with Switchboard signed in to the simulator.
 *
 * With a display the browser is shown and the demo runs until Ctrl+C. Without one it runs
 * headless for --duration seconds (default 45), prints every screen-pop URL and saves screenshots
 * of the popup and the CRM page to the folder it names.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../tests/support/chromium';
import { startStaticServer, type StaticServer } from '../tests/support/static-server';
import { DEMO_VENDORS } from './demo-vendors';

const { values: args } = parseArgs({
  options: {
    vendor: { type: 'string', default: 'xivo' },
    headless: { type: 'boolean', default: !process.env.DISPLAY },
    duration: { type: 'string', default: '45' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string', default: 'demo-output' },
  },
});

async function main(): Promise<void> {
  const vendorId = args.vendor;
  const vendor = DEMO_VENDORS[vendorId];
  if (!vendor) {
    throw new Error(
      `Unknown --vendor "${vendorId}"; the demo has: ${Object.keys(DEMO_VENDORS).join(', ')}.`,
    );
  }
  if (!args['no-build']) {
    console.log('Building the extension…');
    execFileSync('npx', ['wxt', 'build', '-b', 'chrome'], { stdio: 'inherit' });
  }
  const { sim, connection, signIn = vendor.signIn, servers = [] } = await vendor.start();
  const pages = await startStaticServer();
  const credentials = Object.entries(signIn).map(([label, value]) => `${label}: ${value}`);
  console.log(`${vendorId} simulator: ${sim.url}   (${credentials.join(', ')})`);
  for (const server of servers) console.log(`${server.label}: ${server.url}`);
  console.log(`Demo CRM page:  ${pages.url}/crm.html`);

  const ext = await launchWithExtension({ headless: args.headless });
  let stopping: Promise<void> | undefined;
  let stopReporting = () => {};
  const shutdown = () =>
    (stopping ??= (async () => {
      stopReporting();
      sim.stopTraffic();
      await ext.close().catch(() => undefined);
      await sim.close();
      await pages.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void shutdown().then(() => process.exit(0)));
  }
  // Closing the browser window ends the demo too.
  ext.context.on('close', () => {
    // Only the agent closing the window; a failure's own shutdown reports the error first.
    if (!stopping) void shutdown().then(() => process.exit(0));
  });

  try {
    const crmUrl = pages.url;
    const popFields = vendor.popFields ?? ['name', 'queue'];
    await ext.setUserSettings({
      vendor: vendorId,
      connection: { [vendorId]: connection },
      clickToDial: { defaultCountry: 'US' },
      screenPop: {
        rules: [
          {
            id: 'crm-lookup',
            trigger: 'ringing',
            direction: 'inbound',
            url: `${crmUrl}/contacts?phone={e164}${popFields.map((f) => `&${f}={${f}}`).join('')}`,
            target: 'newTab',
          },
        ],
      },
      dispositions: {
        codes: [
          { code: 'resolved', label: 'Resolved' },
          { code: 'callback', label: 'Callback requested' },
          { code: 'escalated', label: 'Escalated' },
        ],
      },
    });

    const pops = reportPops(pages);
    stopReporting = pops.stop;

    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 380, height: 640 });
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    for (const [label, value] of Object.entries(signIn)) {
      await popup.getByLabel(label, { exact: true }).fill(value);
    }
    await popup.getByRole('button', { name: 'Sign in' }).click();
    const alert = popup.getByRole('alert');
    await Promise.race([
      popup.getByText('Connected', { exact: true }).waitFor(),
      alert.waitFor().then(async () => {
        throw new Error(`Sign-in failed: ${await alert.innerText()}`);
      }),
    ]);
    console.log(`Signed in. Extension id: ${ext.extensionId}`);

    for (const url of vendor.pagesAfterSignIn?.(sim.url) ?? []) {
      await (await ext.context.newPage()).goto(url);
    }
    const crm = await ext.context.newPage();
    await crm.goto(`${pages.url}/crm.html`);
    sim.startTraffic();

    if (!args.headless) {
      console.log('Demo running: calls arrive every few seconds. Press Ctrl+C to stop.');
      await new Promise(() => undefined);
    }

    const out = resolve(args.out);
    mkdirSync(out, { recursive: true });
    // Show one answered call in the popup for the screenshots, then let the traffic flow again.
    sim.stopTraffic();
    const call = sim.inboundCall({
      from: '+33123456789',
      name: 'Camille Dubois',
      queue: 'support',
    });
    await popup.getByText('Ringing', { exact: true }).waitFor();
    await popup.screenshot({ path: resolve(out, 'popup-ringing.png') });
    call.answer?.();
    await (
      vendor.inCallText
        ? popup.getByText(vendor.inCallText, { exact: true })
        : popup.getByRole('button', { name: vendor.inCallButton, exact: true })
    ).waitFor();
    await popup.screenshot({ path: resolve(out, 'popup-call.png') });
    await pops.waitFor('%2B33123456789');
    await crm.bringToFront();
    await crm.hover('#phone-fr');
    await crm.waitForTimeout(500);
    await crm.screenshot({ path: resolve(out, 'crm-page.png') });
    // The side panel beside the call: the queues with their figures where the platform has them.
    const panel = await ext.context.newPage();
    await panel.setViewportSize({ width: 400, height: 760 });
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
    const queues = panel.getByRole('tab', { name: 'Queues' });
    await panel.getByRole('tab', { name: 'Calls' }).waitFor();
    if (await queues.count()) {
      await queues.click();
      await panel.getByRole('list', { name: 'Queues' }).waitFor();
    }
    await panel.screenshot({ path: resolve(out, 'sidepanel.png') });
    // The same panel in French and in Arabic (right to left), as the ui.language setting makes it.
    for (const language of ['fr', 'ar']) {
      await ext.setUserSettings({ ui: { language } });
      await panel.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
      await panel.screenshot({ path: resolve(out, `sidepanel-${language}.png`) });
    }
    await ext.setUserSettings({ ui: { language: 'browser' } });
    await panel.close();
    console.log(`Screenshots saved to ${out}`);
    call.hangup();
    sim.startTraffic();
    await new Promise((done) => setTimeout(done, Number(args.duration) * 1000));
  } finally {
    await shutdown();
  }
}

/**
 * Prints every screen-pop as the demo CRM server receives it. Its request log is the ground truth:
 * Playwright may report a tab the extension opened only once the tab has loaded, and then the
 * tab's `load` never fires for a listener added on `page` — which is how the XiVO demo's staged
 * call sometimes printed no "Screen-pop:" line although the CRM page had opened.
 */
function reportPops(pages: StaticServer): { waitFor(phone: string): Promise<void>; stop(): void } {
  let seen = 0;
  const printed: string[] = [];
  const timer = setInterval(() => {
    for (const path of pages.requests.slice(seen)) {
      if (!path.startsWith('/contacts')) continue;
      printed.push(path);
      console.log(`Screen-pop: ${pages.url}${path}`);
    }
    seen = pages.requests.length;
  }, 100);
  return {
    /** Until the pop for `phone` (as written in the URL) is printed; a warning after 10 s. */
    async waitFor(phone) {
      for (let waited = 0; waited < 10_000; waited += 100) {
        if (printed.some((path) => path.includes(`phone=${phone}`))) return;
        await new Promise((done) => setTimeout(done, 100));
      }
      console.warn(`Warning: the CRM page was not opened for ${decodeURIComponent(phone)}.`);
    },
    stop: () => clearInterval(timer),
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
