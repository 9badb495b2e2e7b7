/**
 * The journal's lists (utils/background/diagnostics.ts), newest first: the connection timeline,
 * the screen-pop decisions and the vendor events.
 */
import type { ComponentChildren } from 'preact';
import type { ConnectionRecord, EventRecord, PopRecord } from '../../utils/messaging';
import { formatTimestamp } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/runtime';
import { oneLine } from './format';
import {
  attemptsText,
  callText,
  connectionText,
  lastFailureText,
  listNoteText,
  missText,
  nextAttemptText,
  noRulesText,
  outcomeText,
  queueText,
  repeatedText,
  tooLargeText,
  triggerText,
} from './text';

interface ListProps<R> {
  records: readonly R[];
  limit: number;
}

/** A section with a title, a note on order and size, and a table (or a line when empty). */
export function Section(props: {
  id: string;
  title: string;
  note?: string;
  empty?: string;
  headers?: string[];
  children: ComponentChildren;
}) {
  const titleId = `${props.id}-title`;
  return (
    <section class="sb-section" aria-labelledby={titleId} id={props.id}>
      <h2 id={titleId}>{props.title}</h2>
      {props.note && <p class="sb-muted">{props.note}</p>}
      {props.empty !== undefined ? (
        <p class="sb-muted">{props.empty}</p>
      ) : (
        <div class="sb-table-scroll">
          <table class="sb-table sb-diag-table">
            <thead>
              <tr>
                {props.headers?.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{props.children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const newestFirst = <R,>(records: readonly R[]): R[] => [...records].reverse();

function connectionDetails(record: ConnectionRecord): string[] {
  const lines: string[] = [];
  if (record.reason) lines.push(record.reason);
  if (record.attempt !== undefined) lines.push(attemptsText(record.attempt, record.lastAttempt));
  if (record.lastAt !== undefined) lines.push(lastFailureText(record.lastAt));
  if (record.retryAt !== undefined) lines.push(nextAttemptText(record.retryAt));
  return lines;
}

/** Lines of a cell, each its own block. */
const Lines = ({ lines }: { lines: readonly string[] }) => (
  <>
    {lines.map((line, i) => (
      <div key={i}>{line}</div>
    ))}
  </>
);

/** One list of the journal: a row per record, newest first, its time in the first column. */
function JournalTable<R extends { at: number }>(
  props: ListProps<R> & {
    id: string;
    title: string;
    empty: string;
    headers: string[];
    cells(record: R): ComponentChildren;
    data?(record: R): Record<string, string>;
  },
) {
  const { records } = props;
  return (
    <Section
      id={props.id}
      title={props.title}
      note={listNoteText(props.limit)}
      empty={records.length === 0 ? props.empty : undefined}
      headers={[t('diagnostics.time'), ...props.headers]}
    >
      {newestFirst(records).map((record, i) => (
        <tr key={`${record.at}-${i}`} {...props.data?.(record)}>
          <td class="sb-diag-time">{formatTimestamp(record.at)}</td>
          {props.cells(record)}
        </tr>
      ))}
    </Section>
  );
}

export function ConnectionTimeline(props: ListProps<ConnectionRecord>) {
  return (
    <JournalTable
      {...props}
      id="sb-diag-connection"
      title={t('diagnostics.timelineTitle')}
      empty={t('diagnostics.timelineEmpty')}
      headers={[t('diagnostics.what'), t('diagnostics.details')]}
      data={(record) => ({ 'data-kind': record.kind })}
      cells={(record) => (
        <>
          <td>{connectionText(record.kind)}</td>
          <td>
            <Lines lines={connectionDetails(record)} />
          </td>
        </>
      )}
    />
  );
}

function popDetails(record: PopRecord): string[] {
  if (record.outcome === 'noRule') {
    const misses = record.misses ?? [];
    return misses.length === 0 && record.call
      ? [noRulesText()]
      : misses.map((miss) => missText(miss, record.call));
  }
  if (record.url)
    return record.outcome === 'popped' ? [record.url] : [record.url, record.detail ?? ''];
  return record.detail ? [record.detail] : [];
}

export function PopDecisions(props: ListProps<PopRecord>) {
  return (
    <JournalTable
      {...props}
      id="sb-diag-pops"
      title={t('diagnostics.popsTitle')}
      empty={t('diagnostics.popsEmpty')}
      headers={[
        t('diagnostics.call'),
        t('diagnostics.rule'),
        t('diagnostics.outcome'),
        t('diagnostics.details'),
      ]}
      data={(record) => ({ 'data-outcome': record.outcome })}
      cells={(record) => (
        <>
          <td>
            {record.call ? (
              <Lines
                lines={[
                  callText(record.call.direction, record.call.number),
                  ...(record.call.queue ? [queueText(record.call.queue)] : []),
                ]}
              />
            ) : (
              record.callId
            )}
          </td>
          <td>
            <Lines
              lines={[
                ...(record.ruleId ? [record.ruleId] : []),
                ...(record.trigger ? [triggerText(record.trigger)] : []),
              ]}
            />
          </td>
          <td>{outcomeText(record.outcome)}</td>
          <td class="sb-diag-wrap">
            <Lines lines={popDetails(record)} />
          </td>
        </>
      )}
    />
  );
}

export function VendorEvents(props: ListProps<EventRecord>) {
  return (
    <JournalTable
      {...props}
      id="sb-diag-events"
      title={t('diagnostics.eventsTitle')}
      empty={t('diagnostics.eventsEmpty')}
      headers={[t('diagnostics.event'), t('diagnostics.details')]}
      cells={(record) => (
        <>
          <td>
            <code>{record.type}</code>
            {record.repeats !== undefined && record.lastAt !== undefined && (
              <div class="sb-muted">{repeatedText(record.repeats, record.lastAt)}</div>
            )}
          </td>
          <td class="sb-diag-wrap">
            {record.event === undefined ? (
              tooLargeText(record.size ?? 0)
            ) : (
              <details>
                <summary>{oneLine(record.event)}</summary>
                <pre>{JSON.stringify(record.event, null, 2)}</pre>
              </details>
            )}
          </td>
        </>
      )}
    />
  );
}
