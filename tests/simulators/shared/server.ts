/**
 * Starting and stopping the simulators' HTTP servers. Shared so that every simulator reports a
 * port already in use as a rejected start (not an unhandled 'error' event) and closes without
 * waiting for idle keep-alive connections.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';

/** Listens on `port` (0: any free port) and resolves with the port actually bound. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Closes the server and drops its open connections; WebSockets upgraded from it are the caller's
 * to terminate first, since `closeAllConnections` no longer tracks them.
 */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/**
 * Hands WebSocket upgrades on `path` to `wss` and refuses any other path with a 404, the way the
 * vendors' servers answer a wrong socket URL (so adapters see a failed connect, not a hang).
 */
export function acceptUpgrades(
  server: Server,
  path: string,
  wss: WebSocketServer,
  onSocket: (ws: WebSocket, url: URL) => void,
): void {
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, url));
  });
}

/**
 * Lists `client` under its socket and among the world's clients until the socket closes, so
 * that pushes never reach a closed socket and `connections()` counts only live ones.
 */
export function trackSocket<C>(
  ws: WebSocket,
  client: C,
  sockets: Map<WebSocket, C>,
  clients: Set<C>,
): void {
  sockets.set(ws, client);
  clients.add(client);
  ws.on('close', () => {
    sockets.delete(ws);
    clients.delete(client);
  });
}

/** A send that drops frames once the socket is closing, as a push to a leaving client may race. */
export function sendWhenOpen(ws: WebSocket): (text: string) => void {
  return (text) => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
}
