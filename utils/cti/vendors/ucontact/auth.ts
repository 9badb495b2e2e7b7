/**
 * uContact sign-in and sign-out (vendors/README.md §4.2): `auth/AgentLogin` trades the agent's
 * password for the md5secret sent as `Authorization: Basic`; `auth/EndSession` ends a token.
 */
import { CtiError } from '../../model';
import { notTheApi } from '../shared/wrong-address';
import type { UcontactHttp } from './http';
import { AgentLoginAnswer, PATHS } from './wire';

/** A token this sign-in obtained, which sign-out must end: EndSession's form (§4.2). */
export interface VendorSession {
  user: string;
  token: string;
}

export async function agentLogin(
  http: UcontactHttp,
  agent: string,
  password: string,
): Promise<AgentLoginAnswer> {
  const { status, text } = await http.post(PATHS.agentLogin, { agent, password }, false);
  if (status === 401 || status === 403 || text === '0') {
    throw new CtiError('auth', 'uContact did not accept this agent and password');
  }
  if (status === 404) throw notTheApi('uContact', 'the sign-in', status);
  if (status < 200 || status > 299) {
    throw new CtiError('network', `uContact answered the sign-in with HTTP ${status}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new CtiError('protocol', 'The uContact sign-in answer is not JSON');
  }
  const login = AgentLoginAnswer.safeParse(body);
  if (!login.success)
    throw new CtiError('protocol', 'The uContact sign-in answer has no md5secret');
  return login.data;
}

/**
 * An API-token sign-in asks uContact nothing, so its first connection checks that uContact answers
 * at this address: the queue figures' read, as the heartbeat does (queue-board.ts). An agent's
 * token may not read them, so a refusal still counts as an answer; the token itself is checked by
 * the first command.
 */
export async function checkAddress(http: UcontactHttp): Promise<void> {
  const { status } = await http.post(PATHS.queueSummary, {});
  if (status === 404) throw notTheApi('uContact', 'the queue figures', status);
  if (status >= 500) throw new CtiError('network', `uContact answered HTTP ${status}`);
}

/**
 * `POST auth/EndSession` with `user` and `token` (§4.2), so that the token stops working.
 * [INFERRED] The notes document EndSession for getUserToken tokens; AgentLogin's md5secret has
 * the same `name:<uuid>` Base64 shape, so it is ended the same way. What EndSession answers on
 * success is not documented: only an HTTP error or the API's error answer `0` count as failure.
 */
export async function endSession(http: UcontactHttp, session: VendorSession): Promise<void> {
  const { status, text } = await http.post(PATHS.endSession, {
    user: session.user,
    token: session.token,
  });
  if (status < 200 || status > 299) {
    const code = status === 401 || status === 403 ? 'auth' : 'network';
    throw new CtiError(code, `uContact answered the sign-out with HTTP ${status}`);
  }
  if (text === '0') throw new CtiError('rejected', 'uContact did not end the session');
}
