/**
 * Finds and starts the system Firefox (Debian's `firefox-esr`), headless, driven through
 * WebDriver BiDi (scripts/lib/bidi.ts). Never downloads a browser build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BiDiConnection } from './bidi.ts';
import { ensureBrowsers, type SystemBrowser } from './system-browser.ts';

export const FIREFOX: SystemBrowser = {
  name: 'Firefox',
  envVar: 'FIREFOX_PATH',
  debianPackage: 'firefox-esr',
  candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/Applications/Firefox.app/Contents/MacOS/firefox'],
};

export function ensureFirefox(log?: (line: string) => void): string {
  return ensureBrowsers([FIREFOX], log)[0]!;
}

/** A closed local port Firefox does not refuse to dial (port 9, discard, is on its blocked list). */
const DEAD_END_PORT = 3;

/**
 * Preferences that keep an automated Firefox quiet and off the network (no updates, telemetry,
 * remote settings, safe-browsing lists, captive-portal or connectivity checks, prefetching), and
 * that leave http:// navigations alone (no HTTPS-First upgrade).
 */
export const QUIET_PREFS: Record<string, string | number | boolean> = {
  'app.normandy.enabled': false,
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'browser.aboutwelcome.enabled': false,
  'browser.discovery.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.ping-centre.telemetry': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'browser.search.update': false,
  'browser.sessionstore.resume_from_crash': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.tabs.warnOnClose': false,
  'browser.topsites.contile.enabled': false,
  'browser.urlbar.suggest.searches': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'dom.security.https_first': false,
  'dom.security.https_first_pbm': false,
  'dom.security.https_first_schemeless': false,
  'dom.security.https_only_mode': false,
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'services.settings.server': `http://127.0.0.1:${DEAD_END_PORT}/v1`,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': `http://127.0.0.1:${DEAD_END_PORT}/telemetry`,
  'toolkit.startup.max_resumed_crashes': -1,
};

/**
 * Chromium's default fonts on Linux (Times New Roman, Arial, Monospace, as fontconfig resolves
 * them) instead of Firefox's (serif, sans-serif: DejaVu here), so that both browsers lay a page
 * out alike and their reports can be compared. Sizes are the same in both (16 px, 13 px).
 */
export const CHROMIUM_FONT_PREFS: Record<string, string | number | boolean> = {
  'font.name.serif.x-western': 'Times New Roman',
  'font.name.sans-serif.x-western': 'Arial',
  'font.name.monospace.x-western': 'Monospace',
};

/** Requests that nothing intercepts go to a closed local port: the browser cannot reach the internet. */
export const NO_NETWORK_PREFS: Record<string, string | number | boolean> = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': DEAD_END_PORT,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': DEAD_END_PORT,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': '',
  'network.proxy.allow_hijacking_localhost': false,
};

function userJs(prefs: Record<string, string | number | boolean>): string {
  return Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n');
}

export interface FirefoxOptions {
  headless?: boolean;
  prefs?: Record<string, string | number | boolean>;
  /** An existing profile folder (kept on close); default: a fresh temporary one (removed). */
  profileDir?: string;
  /** Let the BiDi client open privileged pages (extension pages); off by default. */
  allowSystemAccess?: boolean;
  /** How long to wait for the browser to start, ms. */
  startTimeoutMs?: number;
}

export interface FirefoxProcess {
  bidi: BiDiConnection;
  profileDir: string;
  process: ChildProcess;
  /** Ends the session and the browser process (the profile is removed unless it was given). */
  close(): Promise<void>;
}

/** The BiDi WebSocket URL Firefox prints when it listens. */
function waitForBiDiUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error(`Firefox did not start within ${timeoutMs / 1000}s:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(seen);
      if (m) done(null, m[1]);
    };
    const onExit = (code: number | null) => done(new Error(`Firefox exited (${code}) before listening:\n${seen.slice(-2000)}`));
    const done = (error: Error | null, url?: string) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(url!);
    };
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxProcess> {
  const executable = ensureFirefox();
  const ownProfile = !options.profileDir;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'bi-firefox-'));
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(join(profileDir, 'user.js'), userJs({ ...QUIET_PREFS, ...options.prefs }));
  const args = ['--no-remote', '--remote-debugging-port=0', '--profile', profileDir];
  // Firefox 153+ lets automation open moz-extension:// pages (popup, side panel) only with this flag.
  if (options.allowSystemAccess) args.push('--remote-allow-system-access');
  if (options.headless ?? true) args.unshift('--headless');
  const child = spawn(executable, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Firefox outlives a closed BiDi connection: never leave it behind when Node exits.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const cleanup = () => {
    process.off('exit', killOnExit);
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
  };
  let bidi: BiDiConnection;
  try {
    const url = await waitForBiDiUrl(child, options.startTimeoutMs ?? 120_000);
    // Keep reading stderr so the browser never blocks on a full pipe.
    child.stderr?.resume();
    bidi = await BiDiConnection.connect(`${url}/session`);
    await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true, unhandledPromptBehavior: { default: 'dismiss' } } } });
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    cleanup();
    throw e;
  }
  return {
    bidi,
    profileDir,
    process: child,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        await Promise.race([bidi.send('browser.close').catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(killer);
      }
      bidi.close();
      cleanup();
    },
  };
}
