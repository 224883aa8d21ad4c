// Ports for the processes the test run starts: one the kernel just handed out, and a wait until
// something listens on it.
import net from 'node:net';

/** A port that was free a moment ago (listen on 0, note it, close). @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once 127.0.0.1:port accepts a TCP connection; rejects with what `isDead()` says once it
 * says anything (the process that should listen has gone), or after `timeoutMs`.
 * @param {number} port @param {{ timeoutMs: number, isDead: () => string }} options
 */
export async function waitForPort(port, { timeoutMs, isDead }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const sock = net.connect({ host: '127.0.0.1', port });
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    const dead = isDead();
    if (dead) throw new Error(dead);
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
