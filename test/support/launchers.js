// The three engines' launchers for Web Test Runner, all driving browsers from Debian packages (nothing
// is downloaded), and the bookkeeping that lets an interrupted run close every browser it started.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteerCore from 'puppeteer-core';
import { signalGroup } from './webkit-driver.js';

const CHROMIUM_BIN = '/usr/bin/chromium';
const FIREFOX_BIN = '/usr/bin/firefox-esr';
const MINIBROWSER_BIN = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * The puppeteer browsers (Chromium, Firefox) of this run. WTR closes them itself at the end of a normal
 * run. On an abnormal exit, puppeteer's own exit handler is not enough: with two puppeteer browsers it
 * kills only the first one (its shared listener list is modified while being iterated), so they are
 * tracked here too.
 */
export function puppeteerBrowsers() {
  /** @type {Map<number, { browser: any, profileDir?: string }>} */
  const open = new Map();
  /** @type {Set<Promise<unknown>>} browser launches in progress */
  const launching = new Set();
  let shuttingDown = false;

  function track(browser) {
    const proc = browser.process?.();
    if (!proc?.pid || open.has(proc.pid)) return;
    // the temporary profile puppeteer created (removed by browser.close(), not by a kill)
    const args = proc.spawnargs ?? [];
    const i = args.indexOf('--profile');
    const candidate =
      args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length) ?? (i >= 0 ? args[i + 1] : undefined);
    const profileDir =
      candidate && path.dirname(candidate) === tmpdir() && path.basename(candidate).startsWith('puppeteer_dev_') ? candidate : undefined;
    const pid = proc.pid;
    open.set(pid, { browser, profileDir });
    proc.once('exit', () => open.delete(pid));
  }

  return {
    /**
     * Wraps a chromeLauncher instance so every browser it launches is tracked, and no new browser is
     * launched while shutting down (WTR would otherwise relaunch one for the next test file).
     */
    tracked(launcher) {
      const launch = launcher.launchBrowser.bind(launcher);
      launcher.launchBrowser = async (options) => {
        if (shuttingDown) throw new Error('test run is shutting down');
        const pending = launch(options);
        launching.add(pending);
        try {
          const browser = await pending;
          track(browser);
          if (shuttingDown) {
            await browser.close().catch(() => {});
            throw new Error('test run is shutting down');
          }
          return browser;
        } finally {
          launching.delete(pending);
        }
      };
      return launcher;
    },

    /** Closes every browser, after the launches in progress (which then close themselves). */
    async closeAll() {
      shuttingDown = true;
      await Promise.allSettled([...launching]);
      await Promise.allSettled([...open.values()].map(({ browser }) => browser.close()));
    },

    /** Synchronous last resort (process 'exit'): SIGKILL each browser and remove its profile. */
    killSync() {
      for (const [pid, { profileDir }] of open) {
        open.delete(pid);
        signalGroup(pid, 'SIGKILL'); // puppeteer starts them detached: pgid = pid
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
        if (profileDir) {
          try {
            rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
          } catch {
            // best effort
          }
        }
      }
    },
  };
}

/**
 * One launcher per engine. @param {ReturnType<typeof puppeteerBrowsers>} browsers
 * @param {{ webdriverPort: number }} options where WebKitWebDriver listens (see webkit-driver.js)
 */
export function launchers(browsers, { webdriverPort }) {
  return {
    chromium: () =>
      browsers.tracked(
        chromeLauncher({
          launchOptions: {
            executablePath: CHROMIUM_BIN,
            headless: true,
            args: [
              '--no-sandbox',
              '--disable-gpu',
              '--disable-background-networking',
              '--disable-component-update',
              '--disable-sync',
              '--disable-quic',
              '--no-first-run',
            ],
          },
        }),
      ),
    firefox: () =>
      // chromeLauncher drives any browser puppeteer can launch; handing it puppeteer-core (which never
      // downloads a browser) instead of the full `puppeteer` that @web/test-runner-puppeteer pulls in
      // keeps `npm install` free of browser downloads. puppeteer 24 drives Firefox over WebDriver BiDi.
      browsers.tracked(
        chromeLauncher({
          puppeteer: puppeteerCore,
          launchOptions: { browser: 'firefox', executablePath: FIREFOX_BIN, headless: true },
        }),
      ),
    webkit: () => {
      const launcher = webdriverLauncher({
        automationProtocol: 'webdriver',
        hostname: '127.0.0.1',
        port: webdriverPort,
        capabilities: {
          // no browserName: WebKitWebDriver takes the browser from webkitgtk:browserOptions
          'webkitgtk:browserOptions': { binary: MINIBROWSER_BIN, args: ['--automation'] },
        },
      });
      // the launcher derives its name from browserName/platformName (none here)
      const initialize = launcher.initialize.bind(launcher);
      launcher.initialize = async (...args) => {
        await initialize(...args);
        launcher.name = 'WebKit';
      };
      return launcher;
    },
  };
}
