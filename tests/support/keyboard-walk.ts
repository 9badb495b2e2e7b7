/**
 * Walking a page with the Tab key as a keyboard user would (tests/e2e/keyboard.spec.ts): which
 * controls the walk reached, which it should have and did not, and which showed no focus ring.
 */
import type { Page } from '@playwright/test';

export interface Walk {
  /** Controls in the order Tab reached them (their accessible text). */
  reached: string[];
  /** Controls a keyboard user must reach that Tab never did. */
  missed: string[];
  /** Controls that got focus with no visible focus indicator. */
  noRing: string[];
}

/**
 * Marks every control that must be in the Tab order (visible and enabled; one radio per group;
 * of a tablist, the selected tab), then presses Tab until focus comes back to the first one (or
 * twice the number of controls) and reads what each press focused.
 */
export async function tabWalk(page: Page): Promise<Walk> {
  const expected = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, [tabindex]';
    const native = /^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/;
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      // Out of the Tab order on purpose: a tab of a tablist (the arrow keys move between them)
      // and an element focused only by the page itself. A control taken out is still expected.
      const out = el.getAttribute('tabindex') === '-1';
      if (out && (el.getAttribute('role') === 'tab' || !native.test(el.tagName))) return false;
      if ((el as HTMLButtonElement).disabled) return false;
      if (el.closest('[hidden], [inert]')) return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
    const groups = new Set<string>();
    let n = 0;
    for (const el of controls) {
      const radio = el instanceof HTMLInputElement && el.type === 'radio' ? el.name : '';
      if (radio && groups.has(radio)) continue;
      if (radio) groups.add(radio);
      el.dataset.kbWalk = String(n++);
    }
    return n;
  });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: { id?: string; name: string; ring: boolean }[] = [];
  for (let i = 0; i < expected * 2 + 2; i++) {
    await page.keyboard.press('Tab');
    const now = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return undefined;
      const style = getComputedStyle(el);
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
      const name = (el.getAttribute('aria-label') || label || el.textContent || el.tagName)
        .replace(/\s+/g, ' ')
        .trim();
      return { id: el.dataset.kbWalk, name: name || el.tagName, ring };
    });
    if (!now) continue;
    if (seen.length > 0 && now.id !== undefined && now.id === seen[0]!.id) break;
    seen.push(now);
  }
  const reachedIds = new Set(seen.map((s) => s.id));
  const missed = await page.evaluate(
    (ids) =>
      [...document.querySelectorAll<HTMLElement>('[data-kb-walk]')]
        .filter((el) => !ids.includes(el.dataset.kbWalk!))
        .map((el) => {
          const name = el.getAttribute('aria-label') || (el.textContent ?? '').trim();
          return `${el.tagName}${el.id ? `#${el.id}` : ''} ${name}`;
        }),
    [...reachedIds].filter((id): id is string => id !== undefined),
  );
  return {
    reached: seen.map((s) => s.name),
    missed,
    noRing: seen.filter((s) => !s.ring).map((s) => s.name),
  };
}
