/**
 * The History tab's CSV export, end to end: calls on the XiVO simulator, then the side panel's
 * Export CSV, caught as a real download (Playwright's download event) and read back.
 */
import { readFile } from 'node:fs/promises';
import { CSV_COLUMNS } from '../../utils/history/csv';
import { parseCsv } from '../support/csv';
import { expect, signIn, test } from './fixtures';

test('History exports the calls as a CSV file: a header, a row per call, E.164 and ISO 8601', async ({
  ext,
  sim,
}) => {
  const popup = await signIn(ext, sim);
  const answered = sim.inboundCall({ from: '+14155552671', name: 'Jane Black' });
  answered.answer();
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();
  answered.hangup();
  await expect(popup.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  const missed = sim.inboundCall({ from: '+442079460958', name: 'Sam Green' });
  await expect(popup.getByRole('button', { name: 'Answer' })).toBeVisible();
  missed.hangup();
  await expect(popup.locator('.sb-recent-item', { hasText: 'Sam Green' })).toContainText('Missed');

  const panel = await ext.context.newPage();
  await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'History', exact: true }).click();
  await expect(panel.locator('#sb-history-count')).toContainText('Showing');
  const [download] = await Promise.all([
    panel.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^switchboard-history-\d{4}-\d\d-\d\d\.csv$/);
  const [header, ...rows] = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(header).toEqual([...CSV_COLUMNS]);
  const column = (name: string) => header!.indexOf(name);
  const row = (number: string) => rows.find((r) => r[column('number')] === number);
  expect(row('+14155552671')).toBeDefined();
  expect(row('+14155552671')![column('name')]).toBe('Jane Black');
  expect(row('+14155552671')![column('outcome')]).toBe('answered');
  expect(row('+442079460958')![column('outcome')]).toBe('missed');
  for (const r of rows) {
    expect(r).toHaveLength(header!.length);
    expect(r[column('started_at')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(r[column('number')]).toMatch(/^(\+[1-9]\d{6,14}|[0-9*#]+)$/);
  }
});
