/**
 * The simulator's campaign information (api-pages/ucontact-integra.txt "Campaigns Information"):
 * `Supervisor/queuesummary` lists every queue's live figures and ends with a row that names no
 * queue, as on the API page; `Supervisor/campaignstatus` answers an object keyed by campaign name
 * for the `queue` asked (every campaign when empty), with an agent entry beside it (the page:
 * "Has different type of Objects, Campaigns, Agents and ACD Calls").
 */
export interface SimQueue {
  queue: string;
  loggedIn: number;
  available: number;
  callers: number;
  holdTime: number;
  talkTime: number;
  longestHoldTime: number;
  /** The day's answered and abandoned calls (campaignstatus `completed`, `abandoned`). */
  completed: number;
  abandoned: number;
}

export const DEFAULT_QUEUES: SimQueue[] = [
  {
    queue: 'Support<-',
    loggedIn: 10,
    available: 5,
    callers: 3,
    holdTime: 18,
    talkTime: 130,
    longestHoldTime: 220,
    completed: 41,
    abandoned: 2,
  },
  {
    queue: 'Sales->',
    loggedIn: 4,
    available: 1,
    callers: 0,
    holdTime: 0,
    talkTime: 95,
    longestHoldTime: 0,
    completed: 12,
    abandoned: 0,
  },
];

const RECEIVED = 'Nov 2, 2018 11:31:42 AM';

export function queueSummary(queues: readonly SimQueue[]): string {
  const rows = queues.map((q) => ({
    queue: q.queue,
    loggedIn: q.loggedIn,
    available: q.available,
    callers: q.callers,
    holdTime: q.holdTime,
    talkTime: q.talkTime,
    longestHoldTime: q.longestHoldTime,
    internalActionId: '1982468278_6312',
    dateReceived: RECEIVED,
  }));
  return JSON.stringify([...rows, { internalActionId: '1982468278_6312', dateReceived: RECEIVED }]);
}

export function campaignStatus(queues: readonly SimQueue[], queue: string, agent: string): string {
  const asked = queues.filter((q) => !queue || q.queue === queue);
  const answer: Record<string, unknown> = {};
  for (const q of asked) {
    answer[q.queue] = {
      campaign: q.queue,
      availables: q.available,
      notavailables: q.loggedIn - q.available,
      paused: 0,
      busy: 0,
      busypaused: 0,
      totalagents: q.loggedIn,
      logged: q.loggedIn,
      onwrapup: 0,
      completed: q.completed,
      abandoned: q.abandoned,
      talked: '00:00:00-0',
      hold: '00:00:00-0',
      abandonedlevel: '0',
      totalcalls: q.completed + q.abandoned,
      acd: q.callers,
      servicelevel: '0.0',
      servicelevel2: '0.0',
      strategy: 'leastrecent',
      slevelthreshold: '3',
      wrapup: 0,
    };
  }
  if (asked.length > 0) answer[agent] = { agent, status: 'available', queue: asked[0]!.queue };
  return JSON.stringify(answer);
}
