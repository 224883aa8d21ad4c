// WebKitWebDriver under `xvfb-run`, for the WebKit engine of the test run: started on a given port in a
// process group of its own, so the whole tree (xvfb-run, Xvfb, WebKitWebDriver, MiniBrowser,
// WebKit*Process) can be found and ended, gracefully or, at process exit, at once.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { waitForPort } from './ports.js';

/** pids of the processes in process group `pgid` (Linux /proc). @param {number} pgid */
function groupMembers(pgid) {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // fields after "(comm)": state ppid pgrp ...
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) === pgid) pids.push(Number(name));
    } catch {
      // process went away
    }
  }
  return pids;
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
export function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already gone
  }
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function signal(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // gone
  }
}

/** @param {{ port: number }} options */
export function webKitDriver({ port }) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let proc;
  let stderr = '';

  return {
    async start() {
      proc = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${port}`, '--host=127.0.0.1'], {
        detached: true, // its own process group: see the top of this file
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let exitInfo = '';
      proc.once('exit', (code, sig) => {
        exitInfo = `xvfb-run WebKitWebDriver exited early (code ${code}, signal ${sig})`;
      });
      proc.once('error', (err) => {
        exitInfo = `could not start xvfb-run WebKitWebDriver: ${err.message}`;
      });
      proc.stderr?.setEncoding('utf8');
      proc.stderr?.on('data', (d) => {
        stderr = (stderr + d).slice(-4000);
      });
      await waitForPort(port, { timeoutMs: 30000, isDead: () => (exitInfo ? `${exitInfo}\n${stderr}` : '') });
    },

    /** Ends the driver and everything it started, gracefully where they let it. */
    async stop() {
      const driver = proc;
      if (!driver?.pid) return;
      proc = undefined;
      const pgid = driver.pid;
      if (driver.exitCode === null && driver.signalCode === null) {
        // TERM everything but the xvfb-run shell: once its command (WebKitWebDriver) ends, xvfb-run
        // cleans up its Xauthority tmpdir and Xvfb itself.
        for (const pid of groupMembers(pgid)) if (pid !== pgid) signal(pid, 'SIGTERM');
        const exited = await new Promise((resolve) => {
          const t = setTimeout(() => resolve(false), 5000);
          driver.once('exit', () => {
            clearTimeout(t);
            resolve(true);
          });
        });
        if (!exited) signalGroup(pgid, 'SIGTERM');
      }
      // anything left in the group (e.g. a MiniBrowser that ignored TERM)
      await new Promise((r) => setTimeout(r, 200));
      if (groupMembers(pgid).length > 0) signalGroup(pgid, 'SIGKILL');
    },

    /**
     * Synchronous last resort (process 'exit'): SIGKILL every member of the xvfb-run group except the
     * xvfb-run shell itself, which then runs its own clean-up (Xauthority tmpdir) and exits.
     */
    killSync() {
      const driver = proc;
      if (!driver?.pid) return;
      proc = undefined;
      for (const pid of groupMembers(driver.pid)) if (pid !== driver.pid) signal(pid, 'SIGKILL');
    },
  };
}
