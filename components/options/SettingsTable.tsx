/**
 * A list setting edited as a table (screen-pop rules, disposition codes): a column per field of
 * an item, a row per item with its Remove button, and an Add button below. Policy sets a list as
 * a whole, so the table says once that it is managed and every cell follows; errors about the
 * list itself (a duplicate id) sit under the table, each cell's own under the cell.
 */
import type { ComponentChildren } from 'preact';
import { CellInput, CellSelect, RemoveCell, type CellProps } from './cells';
import { FieldNotes } from './fields';
import { fieldMeta, type SettingsForm } from './form';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/runtime';

/** The kinds of row a table can have, each with its own button texts. */
const ITEM_TEXT = {
  rule: { add: 'settingsTable.addRule', remove: 'settingsTable.removeRule' },
  code: { add: 'settingsTable.addCode', remove: 'settingsTable.removeCode' },
  reason: { add: 'settingsTable.addReason', remove: 'settingsTable.removeReason' },
  entry: { add: 'settingsTable.addEntry', remove: 'settingsTable.removeEntry' },
} as const;
type ItemName = keyof typeof ITEM_TEXT;

export interface Column {
  /** The item's field that the column edits. */
  key: string;
  header: string;
  /** The cell's accessible name, before the row number; the header when absent. */
  label?: string;
  /** A choice among these values; free text when absent. */
  options?: readonly string[];
  placeholder?: string;
  /** Empty text leaves the field out instead of setting "" (see `CellInput`). */
  optional?: boolean;
}

interface Props<T> {
  form: SettingsForm;
  path: string;
  /** The heading's id, which names the table. */
  titleId: string;
  title: string;
  /** What the list is for, under the heading. */
  description: ComponentChildren;
  items: readonly T[];
  columns: readonly Column[];
  /** What one row is, for its buttons: "rule" gives "Add rule" and "Remove rule 2". */
  itemName: ItemName;
  newItem(items: readonly T[]): T;
  /** A wide table scrolls sideways in its own box instead of widening the page. */
  scroll?: boolean;
}

export function SettingsTable<T>({
  form,
  path,
  titleId,
  title,
  description,
  items,
  columns,
  itemName,
  newItem,
  scroll,
}: Props<T>) {
  const meta = fieldMeta(form, path, { exact: true });
  const disabled = meta.locked || form.busy;
  const table = (
    <table class="sb-table" aria-labelledby={titleId} aria-describedby={meta.describedBy}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col">
              {column.header}
            </th>
          ))}
          <th scope="col">
            <span class="sb-visually-hidden">{t('settingsTable.remove')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((_, i) => (
          <tr key={i}>
            {columns.map((column) => (
              <ColumnCell
                key={column.key}
                column={column}
                form={form}
                path={`${path}.${i}.${column.key}`}
                label={t('settingsTable.cell', {
                  column: column.label ?? column.header,
                  row: formatNumber(i + 1),
                })}
                disabled={disabled}
              />
            ))}
            <RemoveCell
              label={t(ITEM_TEXT[itemName].remove, { row: formatNumber(i + 1) })}
              disabled={disabled}
              onRemove={() =>
                form.set(
                  path,
                  items.filter((__, j) => j !== i),
                )
              }
            />
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div class="sb-field">
      <h3 class="sb-label" id={titleId}>
        {title}
      </h3>
      <p class="sb-muted">{description}</p>
      {items.length > 0 && (scroll ? <div class="sb-table-scroll">{table}</div> : table)}
      <FieldNotes meta={meta} />
      <div>
        <button
          type="button"
          disabled={disabled}
          onClick={() => form.set(path, [...items, newItem(items)])}
        >
          {t(ITEM_TEXT[itemName].add)}
        </button>
      </div>
    </div>
  );
}

/** A text or a choice, as the column says. */
function ColumnCell({ column, ...cell }: CellProps & { column: Column }) {
  return column.options ? (
    <CellSelect {...cell} options={column.options} />
  ) : (
    <CellInput {...cell} placeholder={column.placeholder} optional={column.optional} />
  );
}
