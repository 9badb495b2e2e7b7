import { afterEach, describe, expect, it } from 'vitest';
import { signedIn, startRig, type Rig } from '../../../../tests/simulators/maxcontact/test-kit';
import { UserDirectory, USERS_TTL_MS, USER_NUMBER_LABEL } from './directory';
import { UserList } from './wire';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const USERS = [
  { login: '1001', password: 'secret', userId: 1001, fullName: 'Alex Morgan' },
  { login: '1002', password: 'secret', userId: 1002, fullName: 'Zoë Müller' },
  { login: '1003', password: 'secret', userId: 1003, fullName: 'Tom Williams' },
  { login: '2100', password: 'secret', userId: 2100, fullName: 'Zoe Adams' },
];

describe('maxcontact directory: the users list (§3.4 "Agent Name ID Pair")', () => {
  it('finds colleagues by name (accents aside) or UserID digits, never the agent', async () => {
    rig = await startRig({ sim: { users: USERS } });
    await signedIn(rig);
    const zoe = await rig.adapter.searchDirectory('zoe', 10);
    expect(zoe).toEqual([
      {
        id: 'user:2100',
        kind: 'person',
        name: 'Zoe Adams',
        numbers: [{ number: '2100', label: USER_NUMBER_LABEL, transferOnly: true }],
        detail: 'MaxContact user 2100',
      },
      expect.objectContaining({ id: 'user:1002', name: 'Zoë Müller' }),
    ]);
    expect((await rig.adapter.searchDirectory('100', 10)).map((e) => e.id)).toEqual([
      'user:1003',
      'user:2100',
      'user:1002',
    ]);
    expect(await rig.adapter.searchDirectory('alex', 10)).toEqual([]);
    expect(await rig.adapter.searchDirectory('o', 1)).toHaveLength(1);
    // No favourites on MaxContact.
    expect(await rig.adapter.searchDirectory('', 10)).toEqual([]);
    // One `users` request served every search (the list is kept for a minute).
    expect(rig.sim.requests.filter((r) => r.api === 'users')).toHaveLength(1);
  });

  it('says why a search failed', async () => {
    rig = await startRig();
    await signedIn(rig);
    void rig.sim.fail(500, 1, (path) => path.includes('/users/'));
    await expect(rig.adapter.searchDirectory('priya', 10)).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(/users.*500/),
    });
    expect(await rig.adapter.searchDirectory('priya', 10)).toHaveLength(1);
  });

  it('will not dial a colleague’s UserID as a phone number', async () => {
    rig = await startRig();
    await signedIn(rig);
    // A list that cannot be read does not stop a dial.
    const failed = rig.sim.fail(500, 1, (path) => path.includes('/users/'));
    await rig.adapter.execute({ type: 'dial', number: '01632960123' });
    await failed;
    expect(rig.sim.requests.filter((r) => r.api === 'dial')).toHaveLength(1);
    await expect(rig.adapter.execute({ type: 'dial', number: '1002' })).rejects.toMatchObject({
      code: 'unsupported',
      message:
        '1002 is the MaxContact user ID of Priya Shah, not a phone number: MaxContact cannot call a colleague; transfer a call to them instead',
    });
    expect(rig.sim.requests.filter((r) => r.api === 'dial')).toHaveLength(1);
  });

  it('refuses a search before sign-in', async () => {
    rig = await startRig();
    await expect(rig.adapter.searchDirectory('priya', 10)).rejects.toMatchObject({
      code: 'network',
    });
  });
});

describe('maxcontact directory: the cache', () => {
  function directory(answers: unknown[]) {
    let now = 0;
    const errors: string[] = [];
    let requests = 0;
    const dir = new UserDirectory({
      userId: '1001',
      request: async () => UserList.parse(answers[Math.min(requests++, answers.length - 1)]),
      now: () => now,
      protocolError: (message) => errors.push(message),
    });
    return { dir, errors, requests: () => requests, advance: (ms: number) => (now += ms) };
  }

  it('reads the list again after a minute, and at once for a user it does not know', async () => {
    const d = directory([
      [{ FullName: 'Priya Shah', ID: 1002 }],
      [
        { FullName: 'Priya Shah', ID: 1002 },
        { FullName: 'New Starter', ID: 1010 },
      ],
    ]);
    expect(await d.dir.find('1002')).toMatchObject({ FullName: 'Priya Shah' });
    expect(d.requests()).toBe(1);
    d.advance(USERS_TTL_MS - 1);
    expect(await d.dir.search('priya', 5)).toHaveLength(1);
    expect(d.requests()).toBe(1);
    expect(await d.dir.find('1010')).toMatchObject({ FullName: 'New Starter' });
    expect(d.requests()).toBe(2);
    expect(await d.dir.find('4242')).toBeUndefined();
    expect(d.requests()).toBe(3);
  });

  it('reports users without a readable ID as a protocol error and keeps the others', async () => {
    const d = directory([[{ FullName: 'Priya Shah', ID: 1002 }, { FullName: 'No id' }]]);
    expect(await d.dir.search('a', 5)).toHaveLength(1);
    expect(d.errors).toEqual(['MaxContact listed 1 user(s) without a readable ID']);
  });
});
