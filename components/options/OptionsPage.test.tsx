// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SettingsRecords } from '../../utils/storage/settings-db';
import {
  createSettingsStorage,
  patchProblem,
  type UserSettingsRecord,
} from '../../utils/storage/user-settings';
import type { SettingsConnector } from '../../utils/ui/settings-connector';
import {
  button,
  choose,
  click,
  labelled,
  mount,
  settle,
  text,
  type,
} from '../../tests/support/test-dom';
import { OptionsPage } from './OptionsPage';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  record = undefined;
});

/** The background's settings record, in memory. */
let record: unknown;

/**
 * The page against the background's own settings storage and check, as the runtime connector
 * reaches them by message (`panel/getSettings`, `panel/saveSettings`).
 */
function backgroundConnector(): SettingsConnector {
  const records: SettingsRecords = {
    get: async () => structuredClone(record),
    put: async (value) => {
      record = structuredClone(value);
    },
  };
  const storage = createSettingsStorage({
    records,
    legacy: {
      get: (keys) => fakeBrowser.storage.local.get(keys),
      remove: (keys) => fakeBrowser.storage.local.remove(keys),
    },
    readManaged: () => fakeBrowser.storage.managed.get(null),
    onManagedChanged: (listener) =>
      fakeBrowser.storage.onChanged.addListener((_changes, area) => {
        if (area === 'managed') listener();
      }),
  });
  return {
    load: storage.load,
    save: async (patch) => {
      const problem = patchProblem(patch);
      if (problem) throw new Error(`Not saved: ${problem}`);
      return storage.save(patch);
    },
    watch: storage.watch,
  };
}

async function open() {
  const view = mount(<OptionsPage connector={backgroundConnector()} />);
  cleanup = view.unmount;
  await settle();
  return view.container;
}

/**
 * The agent's saved values, out of their versioned record; undefined while none were saved (the
 * background writes an empty record at its first start, see user-settings.ts).
 */
const stored = async () => {
  const values = (record as UserSettingsRecord | undefined)?.values;
  return values && Object.keys(values).length > 0 ? values : undefined;
};

/** The ids an element's aria-describedby names, resolved to their text. */
const description = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => text(document.getElementById(id)));

describe('options page', () => {
  it('disables what policy sets and says it is managed', async () => {
    await fakeBrowser.storage.managed.set({
      vendor: 'xivo',
      connection: { xivo: { server: 'https://xuc.corp.example' } },
    });
    const root = await open();
    const server = labelled(root, 'Server');
    expect(server.disabled).toBe(true);
    expect(server.value).toBe('https://xuc.corp.example');
    expect(description(server)).toContain('Managed by your organization');
    const vendor = labelled<HTMLSelectElement>(root, 'Vendor');
    expect(vendor.disabled).toBe(true);
    expect(description(vendor)).toContain('Managed by your organization');
    expect(labelled(root, 'Outside-line prefix').disabled).toBe(false);
  });

  it('has a control for every setting', async () => {
    const root = await open();
    for (const name of [
      'Vendor',
      'Server',
      'Dial format',
      'Outside-line prefix',
      'Make phone numbers on web pages clickable',
      'Default country',
      'Sites',
      'Site patterns',
      'Ask before calling a number in another country',
      'Blocked prefixes',
      'Call phone links (tel:, callto:, sip:) with Switchboard',
      'Allowed origins',
      'Require a disposition before the agent goes ready again',
      'Language',
    ]) {
      expect(() => labelled(root, name), name).not.toThrow();
    }
    click(button(root, 'Add rule'));
    click(button(root, 'Add code'));
    for (const name of [
      'Rule ID 1',
      'When 1',
      'Direction 1',
      'Queue 1',
      'URL template 1',
      'Opens in 1',
      'Code 1',
      'Label 1',
    ]) {
      expect(() => labelled(root, name), name).not.toThrow();
    }
  });

  it('validates before saving and saves only what changed', async () => {
    const root = await open();
    type(labelled(root, 'Default country'), 'usa');
    type(labelled<HTMLTextAreaElement>(root, 'Blocked prefixes'), '+1900\n1900');
    click(button(root, 'Save'));
    await settle();
    expect(description(labelled(root, 'Default country'))).toContain(
      'Two capital letters, e.g. US',
    );
    expect(description(labelled(root, 'Blocked prefixes'))).toContain(
      'Line 2: An E.164 prefix such as +1900',
    );
    expect(await stored()).toBeUndefined();

    type(labelled(root, 'Default country'), 'FR');
    type(labelled<HTMLTextAreaElement>(root, 'Blocked prefixes'), '+1900\n');
    click(button(root, 'Add rule'));
    type(labelled(root, 'URL template 1'), 'https://crm.example.com/search?q={e164}');
    choose(labelled<HTMLSelectElement>(root, 'Dial format'), 'national');
    click(button(root, 'Save'));
    await settle();
    expect(text(root)).toContain('Saved');
    expect(await stored()).toEqual({
      connection: { xivo: { dialFormat: 'national' } },
      clickToDial: { defaultCountry: 'FR', blockedPrefixes: ['+1900'] },
      screenPop: {
        rules: [
          {
            id: 'rule-1',
            trigger: 'ringing',
            direction: 'inbound',
            url: 'https://crm.example.com/search?q={e164}',
            target: 'newTab',
          },
        ],
      },
    });
  });

  it('edits the pause reasons and the speed dial, and saves them', async () => {
    const root = await open();
    click(button(root, 'Add reason'));
    type(labelled(root, 'Pause code 1'), 'lunch');
    type(labelled(root, 'Pause label 1'), 'Lunch');
    click(button(root, 'Add entry'));
    type(labelled(root, 'Speed-dial name 1'), 'Reception');
    type(labelled(root, 'Speed-dial number 1'), 'front desk');
    click(button(root, 'Save'));
    await settle();
    expect(description(labelled(root, 'Speed-dial number 1'))).toContain(
      'A speed-dial number is digits, * and # (a leading + allowed)',
    );
    expect(await stored()).toBeUndefined();
    type(labelled(root, 'Speed-dial number 1'), '+33123456789');
    click(button(root, 'Save'));
    await settle();
    expect(text(root)).toContain('Saved');
    // An empty detail is left out, not saved as "".
    expect(await stored()).toEqual({
      agent: { pauseReasons: [{ code: 'lunch', label: 'Lunch' }] },
      directory: { speedDial: [{ name: 'Reception', number: '+33123456789' }] },
    });
  });

  it('locks the pause reasons and the speed dial that policy sets', async () => {
    await fakeBrowser.storage.managed.set({
      agent: { pauseReasons: [{ code: 'brk', label: 'Break' }] },
      directory: { speedDial: [{ name: 'IT help', number: '4000', detail: 'Floor 2' }] },
    });
    const root = await open();
    expect(labelled(root, 'Pause label 1').value).toBe('Break');
    expect(labelled(root, 'Pause label 1').disabled).toBe(true);
    expect(button(root, 'Add reason').disabled).toBe(true);
    expect(labelled(root, 'Speed-dial detail 1').value).toBe('Floor 2');
    expect(labelled(root, 'Speed-dial detail 1').disabled).toBe(true);
    expect(button(root, 'Remove entry 1').disabled).toBe(true);
    expect(text(root)).toContain('Managed by your organization');
  });

  it('follows policy changes live and shows invalid policy values', async () => {
    const root = await open();
    type(labelled(root, 'Default country'), 'FR');
    expect(labelled<HTMLSelectElement>(root, 'Dial format').disabled).toBe(false);
    await fakeBrowser.storage.managed.set({
      connection: { xivo: { dialFormat: 'national' } },
      clickToDial: { blockedPrefixes: 'nope' },
    });
    await settle();
    const dialFormat = labelled<HTMLSelectElement>(root, 'Dial format');
    expect(dialFormat.disabled).toBe(true);
    expect(dialFormat.value).toBe('national');
    // The agent's unsaved edit survives the policy change.
    expect(labelled(root, 'Default country').value).toBe('FR');
    expect(text(root)).toContain('Policy · clickToDial.blockedPrefixes');
  });
});
