/**
 * `wxt/browser` in unit tests: WXT's fake browser, as WXT's own mock gives it, without the cost
 * of WXT's mock module (see fakeBrowserModule in vitest.config.ts).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const browser = fakeBrowser;
export default fakeBrowser;
