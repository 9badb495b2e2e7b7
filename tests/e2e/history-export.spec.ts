/**
 * The History tab's CSV export, end to end: calls on the XiVO simulator, then the side panel's
 * Export CSV, caught as a real download (Playwright's download event) and read back. The browser
 * speaks English: the column names and the words in the file are English's (utils/history/csv.ts).
 */
import { readFile } from 'node:fs/promises';
import { ENGLISH_HISTORY_HEADER, parseCsv } from '../support/csv';
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
  expect(header).toEqual(ENGLISH_HISTORY_HEADER);
  const column = (name: string) => header!.indexOf(name);
  const row = (number: string) => rows.find((r) => r[column('Number')] === number);
  expect(row('+14155552671')).toBeDefined();
  expect(row('+14155552671')![column('Name')]).toBe('Jane Black');
  expect(row('+14155552671')![column('Direction')]).toBe('Incoming');
  expect(row('+14155552671')![column('Outcome')]).toBe('Answered');
  expect(row('+442079460958')![column('Outcome')]).toBe('Missed');
  for (const r of rows) {
    expect(r).toHaveLength(header!.length);
    expect(r[column('Started (UTC)')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(r[column('Number')]).toMatch(/^(\+[1-9]\d{6,14}|[0-9*#]+)$/);
  }
});
