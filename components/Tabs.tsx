/**
 * Tabs after the WAI-ARIA tabs pattern: a tablist of tab buttons, one tab panel. Only the
 * selected tab is in the Tab order; the arrow keys move between tabs (and select them), Home and
 * End go to the first and last. The panel is focusable so that Tab reaches its content next.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
}

interface Props<T extends string> {
  /** Prefix of the tabs' and panel's ids. */
  idBase: string;
  /** The tablist's accessible name. */
  label: string;
  tabs: readonly TabSpec<T>[];
  selected: T;
  onSelect(id: T): void;
  /** The selected tab's content. */
  children: ComponentChildren;
}

export function Tabs<T extends string>({
  idBase,
  label,
  tabs,
  selected,
  onSelect,
  children,
}: Props<T>) {
  const list = useRef<HTMLDivElement>(null);
  const tabId = (id: T) => `${idBase}-tab-${id}`;
  const panelId = `${idBase}-panel`;

  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const last = tabs.length - 1;
    const next: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const to = next[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const tab = tabs[to]!;
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab.id)}`)?.focus();
  };

  return (
    <div class="sb-tabs">
      <div role="tablist" aria-label={label} class="sb-tablist" ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const active = tab.id === selected;
          return (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              class="sb-tab"
              aria-selected={active}
              aria-controls={active ? panelId : undefined}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={panelId}
        class="sb-tabpanel"
        aria-labelledby={tabId(selected)}
        tabIndex={0}
      >
        {children}
      </div>
    </div>
  );
}
