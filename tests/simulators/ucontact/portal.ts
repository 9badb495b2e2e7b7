/**
 * The simulator's fake agent portal (vendors/README.md §4.4, §9 "uContact"): `/portal` embeds
 * the softphone frame `/uphone`, whose script posts the queued portal messages to its parent, as
 * uPhone does. The frame long-polls `/sim/portal/next?after=N`; tests queue messages with
 * `sim.portalPost`. DOM built with createElement and textContent only.
 */
export const PORTAL_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>uContact agent portal (simulated)</title></head>
<body><script src="/portal.js"></script></body></html>`;

export const PORTAL_JS = `(() => {
  const h1 = document.createElement('h1');
  h1.textContent = 'uContact agent portal (simulated)';
  document.body.append(h1);
  const frame = document.createElement('iframe');
  frame.id = 'uphone';
  frame.src = '/uphone';
  frame.allow = 'camera;microphone';
  document.body.append(frame);
})();`;

export const UPHONE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>uPhone (simulated)</title></head>
<body><p id="status">uPhone</p><script src="/uphone.js"></script></body></html>`;

export const UPHONE_JS = `(() => {
  let after = 0;
  const status = document.getElementById('status');
  async function loop() {
    for (;;) {
      try {
        const res = await fetch('/sim/portal/next?after=' + after);
        const list = await res.json();
        for (const item of list) {
          after = item.seq;
          window.parent.postMessage(item.message, location.origin);
          status.textContent = 'posted ' + after;
        }
      } catch (e) {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  void loop();
})();`;
