/**
 * The diagnostics page in the agent's `ui.language` (docs/architecture.md "Diagnostics"), in
 * Chromium: the language's messages loaded from the extension, a change of setting followed while
 * the page is open, Arabic right to left, and no accessibility violation in either.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${what} ${v.id}: ${v.nodes.length}`)).toEqual([]);
}

test('the diagnostics page follows ui.language: French, then Arabic right to left', async ({
  ext,
}) => {
  await ext.setUserSettings({ ui: { language: 'fr' } });
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/diagnostics.html`);
  await expect(page.getByRole('heading', { name: 'Diagnostic de Switchboard' })).toBeVisible();
  await expect(page).toHaveTitle('Diagnostic de Switchboard');
  await expect(page.locator('html')).toHaveAttribute('lang', /^fr/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('#sb-diag-connection tbody tr').first()).toContainText(
    'Switchboard a démarré',
  );
  await expect(page.getByRole('button', { name: 'Exporter en JSON' })).toBeVisible();
  await expectNoViolations(page, 'fr');

  // Changed elsewhere while the page is open: the next report brings the new language.
  await ext.setUserSettings({ ui: { language: 'ar' } });
  await expect(page.getByRole('heading', { name: 'تشخيص Switchboard' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', /^ar/);
  await expect(page.getByRole('heading', { name: 'قرارات فتح ملفات العملاء' })).toBeVisible();
  await expectNoViolations(page, 'ar');
});
