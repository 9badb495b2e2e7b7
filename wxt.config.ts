import preact from '@preact/preset-vite';
import type { Plugin, Rollup } from 'vite';
import { defineConfig } from 'wxt';

// Public half of the signing key: it fixes the Chrome/Edge extension id to
// dfkcfgjanfbhchjdphjachmfpaecijgn so that admins can target it in policy.
const CHROME_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA42dPXTG/HZk8LlLhJqAEGL6jKWjYEIHgdWqJk88TzJgv82/HXMir7eAsIySH4ZUWepGk5KzQ5tAHXHh6bKbKn0+quhr492JgtOm9vRsMyrXnQfkTKuXn5/MjftiJKDzKaClEGOtfxoNYCdGenZPmqwW5Vi00XjvAWyR7vkTvqiEVbTYtHg9q1o8rPBpFYzbdaNJjtGVBnF5uZiqhnGbAgMLVfeb+Ppz3jvZqEcZoYW9wzMWFGv8qVAWGy2pOzoYQKQ+kMIhGRbquMOEpnLzlKpliqz5C3JQ9oEBqCf5KRGg8c1umef5GbCgVTblrltpyU0Fx3LFMvyIKxvNanf2S/QIDAQAB';

// zod's own comments explain its `@__PURE__` annotations in prose ("Wrapped in a `@__PURE__`
// IIFE: …"), and Rollup reads each such comment as a misplaced annotation: it warns and drops
// the comment. The real annotations beside them still work; only the prose comment is lost, so
// the warning is harmless for zod's files. Every other warning stays visible.
const ZOD_FILE = /[\\/]node_modules[\\/]zod[\\/]/;

/**
 * libphonenumber-js hands its numbering metadata to browsers as an 80 KB object literal
 * (`metadata.min.json.js`, for browsers that cannot import JSON). The bundler can: given the
 * `.json` itself, Vite emits it as `JSON.parse("…")`, which V8 parses and compiles much faster than
 * an object literal of that size. Every page that formats numbers (the panel's first paint among
 * them, docs/benchmarks.md `panel`) loads it.
 */
function phoneMetadataAsJson(): Plugin {
  return {
    name: 'switchboard:phone-metadata-as-json',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.includes('libphonenumber-js') || !source.endsWith('metadata.min.json.js'))
        return null;
      return this.resolve(source.slice(0, -'.js'.length), importer, { skipSelf: true });
    },
  };
}

/** WXT's own module in every HTML page of a build. */
const WXT_HTML_MODULE = /wxt-html-plugins/;
/** The panel's pages: what they load before their first paint is one chunk (`panelChunk`). */
const PANEL_ENTRIES = /[\\/]entrypoints[\\/](popup|sidepanel)[\\/]main\.tsx$/;

/**
 * Puts every module the popup and the side panel import statically into one chunk, `panel`:
 * left to itself the bundler splits what the extension's pages share into a chunk per group of
 * pages, and each module file an extension page loads cost it several milliseconds, more than
 * their code (docs/benchmarks.md, `panel`). What the panel imports on demand (the model's
 * schemas, the CSV writer) stays apart, and so does every module that imports zod. The other pages
 * load `panel` for what they share with it: the options and diagnostics pages, and the offscreen
 * document (the browser API and the interface's language), once per worker start.
 */
function panelChunk(): Rollup.GetManualChunk {
  let reachable: Set<string> | undefined;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!reachable) {
      const found = new Set<string>();
      const stack = [...getModuleIds()].filter((module) => PANEL_ENTRIES.test(module));
      for (let module = stack.pop(); module !== undefined; module = stack.pop()) {
        const imports = getModuleInfo(module)?.importedIds ?? [];
        // Schemas are loaded on demand (utils/ui/agent-tools.ts `loadCommandCheck`).
        if (found.has(module) || imports.some((imported) => ZOD_FILE.test(imported))) continue;
        found.add(module);
        stack.push(...imports);
      }
      reachable = found;
    }
    if (WXT_HTML_MODULE.test(id)) return 'panel';
    return reachable.has(id) && !PANEL_ENTRIES.test(id) ? 'panel' : null;
  };
}

export const EXTENSION_ID = 'dfkcfgjanfbhchjdphjachmfpaecijgn';
export const GECKO_ID = 'switchboard@switchboard-cti.org';

export default defineConfig({
  imports: false,
  // @wxt-dev/i18n: locales/<lang>.yml become _locales/<lang>/messages.json and typed keys
  // (utils/i18n/, docs/architecture.md "Languages").
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  vite: () => ({
    plugins: [preact(), phoneMetadataAsJson()],
    // Large JSON as `JSON.parse("…")` (phoneMetadataAsJson).
    json: { stringify: 'auto' },
    build: {
      // Chromium and Firefox (115 on) preload modules natively: no polyfill module to load.
      modulePreload: { polyfill: false },
      rollupOptions: {
        treeshake: {
          // Modules under utils/ do nothing when imported, only when called
          // (docs/architecture.md): a module none of whose exports is used is dropped, and the
          // content script carries only the few functions it calls.
          moduleSideEffects: (id: string) => !/[\\/]utils[\\/]/.test(id),
        },
        // onLog, not onwarn: @preact/preset-vite sets its own onwarn, which would replace ours.
        onLog(level, log, handler) {
          if (level === 'warn' && log.code === 'INVALID_ANNOTATION' && ZOD_FILE.test(log.id ?? ''))
            return;
          handler(level, log);
        },
      },
    },
  }),
  hooks: {
    // The build of the extension's pages (the popup's group); scripts are built on their own.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entry) => entry.name === 'popup')) return;
      const output = config.build?.rollupOptions?.output;
      if (output && !Array.isArray(output)) output.manualChunks = panelChunk();
    },
  },
  manifest: ({ browser }) => ({
    default_locale: 'en',
    name: '__MSG_manifest_name__',
    description: '__MSG_manifest_description__',
    permissions: [
      'storage',
      'alarms',
      'notifications',
      // "Call <number>" on a selection or a tel:/callto:/sip: link. Firefox takes this name too
      // (as an alias of `menus`) and the polyfill's `browser.contextMenus` works in both.
      'contextMenus',
      // Adds MaxContact's TokenKey cookie to the extension's own requests (fetch cannot).
      'declarativeNetRequestWithHostAccess',
      // Observes (never blocks) the failures of the extension's own requests during a sign-in,
      // to tell a name that does not resolve from a refused connection or certificate
      // (utils/background/network-watch.ts). No install warning beyond the host access.
      'webRequest',
      // The offscreen document that restarts a stopped worker (utils/background/wake.ts); no
      // install warning. Firefox has no offscreen API and keeps the watchdog alarm instead.
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    // Sign-in must work without a permission prompt (force-installed deployments), and the
    // vendor server is only known at run time; <all_urls> content scripts already carry the
    // broadest install warning, so declaring host access up front adds no new one.
    host_permissions: ['http://*/*', 'https://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    // Keyboard commands (docs/keyboard.md; utils/background/dial-command.ts, call-keys.ts).
    // Alt+Shift+D, K, H, O and S (Option+Shift on macOS) are none of Chrome's, Edge's or
    // Firefox's own shortcuts (Chrome's Alt+Shift ones are A, B, I and T; Chromium also leaves
    // Alt+Shift+P unassigned, which tests/e2e/keyboard.spec.ts caught). A browser leaves a key
    // unassigned if another extension took it first; agents set their own at
    // chrome://extensions/shortcuts or in Firefox's add-ons manager. Chrome takes at most four
    // suggested keys: opening the side panel, needed once a day where the others are needed on
    // every call, has none there (its toolbar button is reached with Alt+Shift+T). Their
    // descriptions, which the shortcuts pages list, are messages (locales/*.yml `manifest`).
    commands: {
      'dial-selection': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_manifest_dialSelection__',
      },
      'answer-call': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_manifest_answerCall__',
      },
      'hang-up': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_manifest_hangUp__',
      },
      'hold-resume': {
        suggested_key: { default: 'Alt+Shift+O' },
        description: '__MSG_manifest_holdResume__',
      },
      // Firefox opens its sidebar itself for this reserved name; Chrome's side panel is opened
      // by the background (call-keys.ts), as the toolbar has no key of its own for it.
      ...(browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+S' },
              description: '__MSG_manifest_openPanel__',
            },
          }
        : { 'open-panel': { description: '__MSG_manifest_openPanel__' } }),
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '115.0' } } }
      : { key: CHROME_KEY }),
  }),
});
