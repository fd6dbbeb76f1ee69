import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServerOnce, MAIN_JS, SERVER_DIR } from './build.js';
import { TEST_JWT_SECRET } from './harness.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
  /** What the process wrote so far (stdout and stderr, the first 200,000 characters). */
  output(): string;
}

export interface StartServerProcessOptions {
  /** Called with the process's output as it arrives, also before it listens. */
  onOutput?: (chunk: string) => void;
  /** How long it may take to listen, waiting for its database included (default 30 s). */
  startTimeoutMs?: number;
}

/**
 * The deployed entry point (`node dist/main.js`) in its own process, on a free port, with a
 * clean environment plus `env`; resolves once it logs that it listens.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: StartServerProcessOptions = {},
): Promise<ServerProcess> {
  buildServerOnce();
  // Photos go to a scratch folder of this process's own, not the checkout's data/.
  const storageDir = mkdtempSync(join(tmpdir(), 'shopfloor-process-uploads-'));
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: SERVER_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      STORAGE_DIR: storageDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((r) =>
    child.on('exit', (code) => {
      rmSync(storageDir, { recursive: true, force: true });
      r(code);
    }),
  );
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, options.startTimeoutMs ?? 30_000);
    const collect = (d: Buffer) => {
      const chunk = d.toString();
      if (out.length < 200_000) out += chunk;
      options.onOutput?.(chunk);
      if (started) return;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/.exec(out);
      if (match) {
        started = true;
        clearTimeout(timer);
        resolve({ child, url: match[1]!, exited, stop, output: () => out });
      }
    };
    child.stderr!.on('data', collect);
    child.stdout!.on('data', collect);
    child.once('exit', (code) => {
      if (started) return;
      clearTimeout(timer);
      reject(
        Object.assign(new Error(`server exited with code ${code} before it listened:\n${out}`), {
          exitCode: code,
        }),
      );
    });
  });
}
