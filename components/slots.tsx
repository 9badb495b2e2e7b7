/**
 * A translated sentence with elements inside it: `{name}` in the text becomes `slots.name`, so a
 * translation can move the element where its grammar wants it. Pass `'{name}'` as the named
 * substitution to `t` to keep the mark for this step.
 */
import { Fragment, type ComponentChild } from 'preact';

export function withSlots(text: string, slots: Record<string, ComponentChild>): ComponentChild[] {
  return text.split(/(\{[A-Za-z0-9_]+\})/).map((part, i) => {
    const name = /^\{([A-Za-z0-9_]+)\}$/.exec(part)?.[1];
    return (
      <Fragment key={i}>
        {name !== undefined && Object.prototype.hasOwnProperty.call(slots, name)
          ? slots[name]
          : part}
      </Fragment>
    );
  });
}
