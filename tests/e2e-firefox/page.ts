/**
 * Finding what an agent sees on a page of the Firefox suite: a field by its label, a button by its
 * name, a text. Found in the page, then typed into and clicked through WebDriver BiDi's input
 * actions, which the page receives as trusted events.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { waitFor } from '../support/firefox';

/** The page's visible text contains `text` (polled). */
export async function waitForText(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    `"${text}" on ${page.url()}`,
    async () =>
      (await page.evaluate((t) => document.body.innerText.includes(t), text)) ? true : undefined,
    timeoutMs,
  );
}

/** The visible text of the page. */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** The form control labelled exactly `label` and shown, or undefined. */
export async function fieldByLabel(
  page: Page,
  label: string,
): Promise<ElementHandle<HTMLInputElement | HTMLSelectElement> | undefined> {
  const handle = await page.evaluateHandle((name) => {
    for (const labelElement of document.querySelectorAll('label')) {
      if (labelElement.textContent?.trim() !== name) continue;
      const control = labelElement.control;
      if (control instanceof HTMLElement && control.getClientRects().length > 0) return control;
    }
    return null;
  }, label);
  const element = handle.asElement() as ElementHandle<HTMLInputElement | HTMLSelectElement> | null;
  if (!element) {
    await handle.dispose();
    return undefined;
  }
  return element;
}

/** Waits for the field labelled `label`, empties it and types `value`. */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  const field = await waitFor(`the field "${label}"`, () => fieldByLabel(page, label));
  await field.click({ count: 3 });
  await field.evaluate((input) => {
    if (input instanceof HTMLInputElement) input.select();
  });
  await page.keyboard.press('Backspace');
  await field.type(value);
}

/** The shown button named `name` (its text or aria-label), or undefined. */
export async function buttonByName(
  page: Page,
  name: string,
): Promise<ElementHandle<HTMLButtonElement> | undefined> {
  const handle = await page.evaluateHandle((wanted) => {
    for (const button of document.querySelectorAll('button')) {
      const named = button.getAttribute('aria-label') ?? button.textContent?.trim();
      if (named === wanted && button.getClientRects().length > 0 && !button.disabled) return button;
    }
    return null;
  }, name);
  const element = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
  if (!element) {
    await handle.dispose();
    return undefined;
  }
  return element;
}

/** Waits for the button named `name` and clicks it. */
export async function clickButton(page: Page, name: string): Promise<void> {
  const button = await waitFor(`the button "${name}"`, () => buttonByName(page, name));
  await button.click();
}
