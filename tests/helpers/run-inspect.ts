/** Runs the `inspect` CLI (scripts/inspect.ts) as a user would, for the browser tests. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface InspectRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** It had not ended after `limitMs` and was killed (the test fails on it). */
  killed: boolean;
}

/** One that has not ended after `limitMs` never would (the CLI once hung after a failed page): it is stopped. */
export function runInspect(args: string[], limitMs: number, env: NodeJS.ProcessEnv = process.env): Promise<InspectRun> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['scripts/inspect.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGTERM');
    }, limitMs);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e) => (clearTimeout(timer), reject(e)));
    child.on('close', (code) => (clearTimeout(timer), done({ code, stdout, stderr, killed })));
  });
}
