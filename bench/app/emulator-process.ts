import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The OpenRouter emulator in a process of its own. OpenRouter is another machine: run in the same
 * process, the emulator would compete with main's services for one event loop and charge its own
 * work to "time through the app".
 */
export interface EmulatorProcess {
  baseUrl: string;
  defaultKey: string;
  close(): void;
}

export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const cli = resolve(import.meta.dirname, '../../e2e/emulator/cli.ts');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const ready = await new Promise<{ baseUrl: string; defaultKey: string }>((done, fail) => {
    child.once('exit', (code) => fail(new Error(`the emulator exited early (code ${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const baseUrl = /Base URL:\s+(\S+)/.exec(output)?.[1];
      const defaultKey = /Default key:\s+(\S+)/.exec(output)?.[1];
      if (baseUrl && defaultKey) done({ baseUrl, defaultKey });
    });
  });
  child.removeAllListeners('exit');
  return { ...ready, close: () => child.kill('SIGTERM') };
}
