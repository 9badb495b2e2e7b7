/**
 * Serves the benchmark's pages from memory on 127.0.0.1, port 0. Every response is
 * cross-origin isolated (COOP + COEP), which gives the page's performance.now() 5 µs steps
 * instead of 100 µs: the floor is a fraction of a millisecond, and our many short tasks are summed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

export async function startBenchServer(pages: Record<string, string>): Promise<BenchServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = pages[path];
    res
      .writeHead(body === undefined ? 404 : 200, {
        'content-type': 'text/html; charset=utf-8',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cache-control': 'no-store',
      })
      .end(body ?? 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        // Chromium keeps connections alive; do not wait for it to let go.
        server.closeAllConnections();
      }),
  };
}
