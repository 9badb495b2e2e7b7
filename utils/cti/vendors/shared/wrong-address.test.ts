import { describe, expect, it } from 'vitest';
import { systemClock } from '../../adapter';
import { connectFailureOf, CtiError } from '../../model';
import { notTheApi, refusedSocket } from './wrong-address';

const closed = new CtiError('network', 'The socket closed before it opened (code 1006)');

/** A probe context whose fetch records what it was asked and answers with `answer`. */
function probe(answer: (url: string) => Promise<Response>, signal = new AbortController().signal) {
  const asked: string[] = [];
  const fetch = ((input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    return answer(url);
  }) as typeof globalThis.fetch;
  return { asked, ctx: { fetch, signal, clock: systemClock } };
}

describe('notTheApi', () => {
  it('is a network error (reconnects retry it) whose kind is the wrong address', () => {
    const error = notTheApi('XiVO', 'the sign-in', 404);
    expect(error).toMatchObject({ code: 'network', failure: 'notFound' });
    expect(error.fatal).toBe(false);
    expect(error.message).toContain('HTTP 404');
  });
});

describe('refusedSocket', () => {
  it('asks the same address over http(s), without the query, and calls an answer a wrong address', async () => {
    const { asked, ctx } = probe(async () => new Response('Not Found', { status: 404 }));
    const error = await refusedSocket(
      ctx,
      'wss://xuc.example.com/nope/cti?token=t0k3n',
      'XiVO',
      closed,
    );
    expect(asked).toEqual(['https://xuc.example.com/nope/cti']);
    expect(error).toMatchObject({ code: 'network', failure: 'notFound', cause: closed });
    expect(error.message).toBe(
      'XiVO refused the WebSocket connection at /nope/cti (a plain request there got HTTP 404)',
    );
  });

  it('hands an unreachable server on as a network failure for the browser to explain', async () => {
    const { asked, ctx } = probe(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await refusedSocket(
      ctx,
      'ws://10.0.0.9:8090/v1/agent',
      'Switchboard relay',
      closed,
    );
    expect(asked).toEqual(['http://10.0.0.9:8090/v1/agent']);
    expect(error).toMatchObject({ code: 'network', failure: undefined });
    expect(connectFailureOf(error)).toBe('network');
    expect(error.message).toBe('Cannot reach Switchboard relay at http://10.0.0.9:8090');
  });

  it('says no more than the socket did when the sign-in was cut short', async () => {
    const controller = new AbortController();
    const { ctx } = probe(() => {
      controller.abort();
      return Promise.reject(new DOMException('aborted', 'AbortError'));
    }, controller.signal);
    await expect(refusedSocket(ctx, 'ws://xuc.example.com/cti', 'XiVO', closed)).resolves.toBe(
      closed,
    );
  });
});
