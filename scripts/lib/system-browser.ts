/**
 * Finds the system browsers the tests and the CLI drive. Never downloads a browser build: it
 * uses an environment variable or a system install, and on Debian/Ubuntu as root installs the
 * distribution's package with apt-get (one `apt-get update` for all that are missing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface SystemBrowser {
  name: string;
  /** Environment variable naming a binary to use instead of the usual paths. */
  envVar: string;
  candidates: string[];
  /** The Debian package that provides it. */
  debianPackage: string;
}

export function findBrowser(browser: SystemBrowser): string | null {
  const env = process.env[browser.envVar];
  if (env && existsSync(env)) return env;
  return browser.candidates.find((p) => existsSync(p)) ?? null;
}

export function installHint(browser: SystemBrowser): string {
  return `No ${browser.name} found: install it (Debian/Ubuntu: \`sudo apt-get install ${browser.debianPackage}\`) or set ${browser.envVar} to its binary.`;
}

function canApt(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

/** The binaries of `browsers`, in order, installing the missing ones' Debian packages when possible; throws with a hint otherwise. */
export function ensureBrowsers(browsers: SystemBrowser[], log: (line: string) => void = (l) => process.stderr.write(l + '\n')): string[] {
  const missing = browsers.filter((b) => !findBrowser(b));
  if (missing.length) {
    if (!canApt()) throw new Error(installHint(missing[0]!));
    const packages = missing.map((b) => b.debianPackage);
    log(`${missing.map((b) => b.name).join(', ')}: not found; installing Debian package(s) ${packages.map((p) => `\`${p}\``).join(', ')} with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
  }
  return browsers.map((b) => {
    const path = findBrowser(b);
    if (!path) throw new Error(installHint(b));
    return path;
  });
}
