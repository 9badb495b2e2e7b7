/** Serves the test pages (a CRM look-alike, a hostile page) on 127.0.0.1, port 0. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export interface StaticServer {
  url: string;
  /** Every path requested, in order (screen-pop landings included). */
  requests: string[];
  close(): Promise<void>;
}

export async function startStaticServer(
  root = resolve('tests/fixtures/pages'),
): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname + url.search);
    const file = normalize(join(root, url.pathname === '/' ? 'crm.html' : url.pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' }).end(body),
      // Anything else (a screen-pop landing such as /contacts?phone=…) gets a small page.
      () =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<!doctype html><title>CRM record</title><h1>CRM record</h1>'),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        // Chromium keeps connections alive; do not wait for it to let go.
        server.closeAllConnections();
      }),
  };
}
