// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../utils/cti/features';
import type { PanelState } from '../utils/messaging';
import type { PanelMessage } from '../utils/message-checks';
import type { MockReplier } from '../tests/support/mock-connector';
import { settleUntil, showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import {
  alerts,
  button,
  buttons,
  click,
  labelled,
  nameOf,
  queryButton,
  settle,
  submit,
  text,
  type,
} from '../tests/support/test-dom';

afterEach(unmountPanels);

const ADA: DirectoryEntry = {
  id: 'u-7',
  kind: 'person',
  name: 'Ada Lovelace',
  detail: 'Support team',
  status: 'available',
  favorite: false,
  numbers: [
    { number: '1001', label: 'Desk' },
    { number: '+33 6 12 34 56 78', label: 'Mobile' },
  ],
};
/** A colleague only a blind transfer reaches (their user id is no phone number). */
const GRACE: DirectoryEntry = {
  id: 'user:2100',
  kind: 'person',
  name: 'Grace Hopper',
  numbers: [{ number: '2100', label: 'User', transferOnly: true }],
};
const RECEPTION: DirectoryEntry = {
  id: 'speedDial:0',
  kind: 'speedDial',
  name: 'Reception',
  numbers: [{ number: '100' }],
};
const BOB: DirectoryEntry = {
  id: 'u-9',
  kind: 'person',
  name: 'Bob Babbage',
  favorite: true,
  status: 'busy',
  numbers: [{ number: '1009' }],
};

/** A directory that finds entries whose name contains the term; '' lists favourites. */
function directory(entries: DirectoryEntry[], error?: string): MockReplier {
  return (msg) => {
    if (msg.type !== 'panel/directory') return undefined;
    const found = msg.term
      ? entries.filter((e) => e.name.toLowerCase().includes(msg.term.toLowerCase()))
      : entries.filter((e) => e.favorite || e.kind === 'speedDial');
    return { ok: true, value: error ? { entries: found, error } : { entries: found } };
  };
}

const searches = (sent: PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/directory' ? [m.term] : []));
const commands = (sent: PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/command' ? [m.command] : []));

const DIRECTORY_STATE = (over: Partial<PanelState> = {}) =>
  signedInState({
    features: ['directory', 'favorites'],
    commands: ['dial', 'addFavorite', 'removeFavorite'],
    ...over,
  });

async function openDirectory(state: PanelState, reply: MockReplier) {
  const shown = showPanel(state, { reply });
  click(button(shown.root, 'Directory'));
  await settleUntil(() => !text(shown.root).includes('Searching…'), 'the first listing');
  return shown;
}

const entryNames = (root: HTMLElement) =>
  [...root.querySelectorAll('[aria-label="Directory entries"] > li strong')].map((e) => text(e));

describe('directory', () => {
  it('lists favourites and speed dial for an empty search, then searches as the agent types', async () => {
    const { root, connector } = await openDirectory(
      DIRECTORY_STATE(),
      directory([ADA, RECEPTION, BOB]),
    );
    expect(searches(connector.sent)).toEqual(['']);
    expect(text(root)).toContain('Favourites and speed dial');
    expect(entryNames(root)).toEqual(['Reception', 'Bob Babbage']);

    // Typing fast sends one search, for the last term.
    type(labelled(root, 'Search the directory'), 'a');
    type(labelled(root, 'Search the directory'), 'ad');
    type(labelled(root, 'Search the directory'), 'ada ');
    await settleUntil(() => searches(connector.sent).length === 2, 'the search');
    expect(searches(connector.sent)).toEqual(['', 'ada']);
    expect(entryNames(root)).toEqual(['Ada Lovelace']);
    const item = text(root.querySelector('[aria-label="Directory entries"] > li'));
    expect(item).toContain('Support team');
    expect(item).toContain('Available');
    expect(item).toContain('Desk');
    expect(item).toContain('+33 6 12 34 56 78');
  });

  it('dials an entry’s number, separators dropped', async () => {
    const { root, connector } = await openDirectory(DIRECTORY_STATE(), directory([ADA, BOB]));
    type(labelled(root, 'Search the directory'), 'ada');
    await settleUntil(() => entryNames(root).includes('Ada Lovelace'), 'Ada');
    click(button(root, 'Call Ada Lovelace on +33 6 12 34 56 78'));
    await settle();
    expect(commands(connector.sent)).toEqual([{ type: 'dial', number: '+33612345678' }]);
  });

  it('transfers the call in hand to an entry, blind or attended as the call allows', async () => {
    const call = sampleCall({
      state: 'connected',
      actions: ['hangup', 'blindTransfer', 'attendedTransfer'],
    });
    const { root, connector } = await openDirectory(
      DIRECTORY_STATE({ calls: [call] }),
      directory([ADA]),
    );
    type(labelled(root, 'Search the directory'), 'lovelace');
    await settleUntil(() => entryNames(root).includes('Ada Lovelace'), 'Ada');
    expect(text(root)).toContain('Transfer buttons act on the call with +33 1 23 45 67 89');
    click(button(root, 'Transfer to Ada Lovelace on 1001'));
    await settle();
    click(button(root, 'Attended transfer to Ada Lovelace on 1001'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'blindTransfer', callId: 'call-1', target: '1001' },
      { type: 'attendedTransfer', callId: 'call-1', target: '1001' },
    ]);
  });

  it('offers only a blind transfer, never a Call, for a number only a transfer takes', async () => {
    const call = sampleCall({
      state: 'connected',
      actions: ['hangup', 'blindTransfer', 'attendedTransfer'],
    });
    const { root } = await openDirectory(DIRECTORY_STATE({ calls: [call] }), directory([GRACE]));
    type(labelled(root, 'Search the directory'), 'grace');
    await settleUntil(() => entryNames(root).includes('Grace Hopper'), 'Grace');
    const names = buttons(root.querySelector('[aria-label="Directory entries"]')!).map(nameOf);
    expect(names.filter((n) => /Transfer|Call /.test(n))).toEqual([
      'Transfer to Grace Hopper on 2100',
    ]);
  });

  it('offers no transfer without a call that allows one, and no Call without dialling', async () => {
    const held = sampleCall({ state: 'held', actions: ['resume', 'hangup'] });
    const { root } = await openDirectory(
      DIRECTORY_STATE({ calls: [held], commands: ['blindTransfer'] }),
      directory([ADA]),
    );
    type(labelled(root, 'Search the directory'), 'ada');
    await settleUntil(() => entryNames(root).includes('Ada Lovelace'), 'Ada');
    const names = buttons(root.querySelector('[aria-label="Directory entries"]')!).map(nameOf);
    expect(names.filter((n) => /Transfer|Call /.test(n))).toEqual([]);
    // No favourite commands either.
    expect(names.filter((n) => /favourites/.test(n))).toEqual([]);
  });

  it('adds and removes favourites where the vendor can, and lists again after', async () => {
    const { root, connector } = await openDirectory(DIRECTORY_STATE(), directory([ADA, BOB]));
    expect(queryButton(root, 'Remove from favourites: Bob Babbage')).toBeDefined();
    click(button(root, 'Remove from favourites: Bob Babbage'));
    await settleUntil(() => searches(connector.sent).length === 2, 'the listing again');
    type(labelled(root, 'Search the directory'), 'ada');
    await settleUntil(() => entryNames(root).includes('Ada Lovelace'), 'Ada');
    click(button(root, 'Add to favourites: Ada Lovelace'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'removeFavorite', entryId: 'u-9' },
      { type: 'addFavorite', entryId: 'u-7' },
    ]);
    // Speed-dial entries are the admin's, not the vendor's favourites.
    expect(queryButton(root, 'Add to favourites: Reception')).toBeUndefined();
  });

  it('shows speed dial with the reason when the vendor’s directory fails, and says no match', async () => {
    const { root } = await openDirectory(
      signedInState({ hasSpeedDial: true }),
      directory([RECEPTION], 'The directory did not answer'),
    );
    expect(text(root)).toContain('Speed dial');
    expect(entryNames(root)).toEqual(['Reception']);
    expect(alerts(root)).toEqual([
      'The phone system’s directory could not be searched: The directory did not answer',
    ]);
    type(labelled(root, 'Search the directory'), 'zzz');
    await settleUntil(() => text(root).includes('No match.'), 'no match');
  });

  it('keeps the answer to the newest term when an older one comes back later', async () => {
    let release: (() => void) | undefined;
    const reply: MockReplier = async (msg) => {
      if (msg.type !== 'panel/directory') return undefined;
      if (msg.term === 'bob') await new Promise<void>((r) => (release = r));
      return directory([ADA, BOB])(msg, {} as PanelState);
    };
    const { root, connector } = await openDirectory(DIRECTORY_STATE(), reply);
    type(labelled(root, 'Search the directory'), 'bob');
    await settleUntil(() => searches(connector.sent).includes('bob'), 'the slow search');
    type(labelled(root, 'Search the directory'), 'ada');
    await settleUntil(() => entryNames(root).includes('Ada Lovelace'), 'Ada');
    release?.();
    await settle();
    expect(entryNames(root)).toEqual(['Ada Lovelace']);
  });
});

describe('transfer form with the directory', () => {
  const call = sampleCall({ state: 'connected', actions: ['hangup', 'blindTransfer'] });

  it('finds a target by name and transfers to its number', async () => {
    const shown = showPanel(DIRECTORY_STATE({ calls: [call] }), {
      reply: directory([ADA]),
      layout: 'popup',
    });
    const { root, connector } = shown;
    click(button(root, 'Transfer'));
    // Nothing is searched until the agent types a name.
    await settle();
    expect(searches(connector.sent)).toEqual([]);
    type(labelled(root, 'Find by name'), 'ada');
    await settleUntil(() => queryButton(root, 'Use Ada Lovelace on 1001') !== undefined, 'Ada');
    click(button(root, 'Use Ada Lovelace on +33 6 12 34 56 78'));
    expect(labelled(root, 'Transfer to').value).toBe('+33612345678');
    submit(root.querySelector('form[aria-label="Transfer"]'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'blindTransfer', callId: 'call-1', target: '+33612345678' },
    ]);
  });

  /** The transfer form of a call that allows both kinds, a transfer-only colleague picked. */
  async function pickTransferOnly(chooseAttendedFirst: boolean) {
    const both = sampleCall({
      state: 'connected',
      actions: ['hangup', 'blindTransfer', 'attendedTransfer'],
    });
    const shown = showPanel(DIRECTORY_STATE({ calls: [both] }), {
      reply: directory([GRACE]),
      layout: 'popup',
    });
    const { root } = shown;
    click(button(root, 'Transfer'));
    if (chooseAttendedFirst) click(labelled(root, 'Attended'));
    type(labelled(root, 'Find by name'), 'grace');
    await settleUntil(() => queryButton(root, 'Use Grace Hopper on 2100') !== undefined, 'Grace');
    click(button(root, 'Use Grace Hopper on 2100'));
    return shown;
  }

  it('gives a transfer-only pick a blind transfer, whatever kind was chosen', async () => {
    const { root, connector } = await pickTransferOnly(true);
    // An attended transfer would dial the number: the choice goes, and the form says why.
    expect(root.querySelector('fieldset.sb-choice')).toBeNull();
    expect(text(root)).toContain('Grace Hopper takes a blind transfer only.');
    submit(root.querySelector('form[aria-label="Transfer"]'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'blindTransfer', callId: 'call-1', target: '2100' },
    ]);
  });

  it('gives the choice back when the agent types another number over the pick', async () => {
    const { root, connector } = await pickTransferOnly(false);
    type(labelled(root, 'Transfer to'), '+33612345678');
    expect(text(root)).not.toContain('takes a blind transfer only');
    click(labelled(root, 'Attended'));
    submit(root.querySelector('form[aria-label="Transfer"]'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'attendedTransfer', callId: 'call-1', target: '+33612345678' },
    ]);
  });

  it('has no name search where there is no directory', () => {
    const shown = showPanel(signedInState({ calls: [call] }), { layout: 'popup' });
    click(button(shown.root, 'Transfer'));
    expect(() => labelled(shown.root, 'Find by name')).toThrow();
    expect(labelled(shown.root, 'Transfer to')).toBeTruthy();
  });
});
