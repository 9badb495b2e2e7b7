/** One card of the options page: a section named by its own heading. */
import type { ComponentChildren } from 'preact';

export function SettingsSection({
  titleId,
  title,
  children,
}: {
  /** The heading's id, which names the section for screen readers. */
  titleId: string;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <section class="sb-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}
