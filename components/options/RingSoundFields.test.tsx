// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/settings/schema';
import { setAt } from '../../utils/ui/settings-form';
import { click, labelled, mount, text, type } from '../../tests/support/test-dom';
import type { SettingsForm } from './form';
import { RingSoundFields } from './RingSoundFields';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** The fields on a draft of the defaults, with `locked` paths set by policy. */
function show(locked: string[] = []) {
  let draft!: Settings;
  function Form() {
    const [value, setValue] = useState<Settings>(DEFAULT_SETTINGS);
    draft = value;
    const form: SettingsForm = {
      draft: value,
      locked,
      errors: {},
      busy: false,
      set: (path, next) => setValue((prev) => setAt(prev, path, next)),
    };
    return <RingSoundFields form={form} />;
  }
  const view = mount(<Form />);
  cleanup = view.unmount;
  return { root: view.container, draft: () => draft };
}

describe('the ring tone settings', () => {
  it('are on at 70 % by default, and the volume is a number the agent slides', () => {
    const { root, draft } = show();
    const ring = labelled(root, 'Ring tone for incoming calls');
    const volume = labelled(root, 'Ring tone volume');
    expect(ring.checked).toBe(true);
    expect(volume.type).toBe('range');
    expect(volume.value).toBe('70');
    expect(text(root.querySelector('output'))).toMatch(/70\s?%/);
    type(volume, '35');
    expect(draft().ui.ringVolume).toBe(35);
  });

  it('turning the ring off disables its volume', () => {
    const { root, draft } = show();
    click(labelled(root, 'Ring tone for incoming calls'));
    expect(draft().ui.ringSound).toBe(false);
    expect(labelled(root, 'Ring tone volume').disabled).toBe(true);
  });

  it('policy locks each of them', () => {
    const { root } = show(['ui.ringSound', 'ui.ringVolume']);
    expect(labelled(root, 'Ring tone for incoming calls').disabled).toBe(true);
    expect(labelled(root, 'Ring tone volume').disabled).toBe(true);
    expect(root.textContent).toContain('Managed by your organization');
  });
});
