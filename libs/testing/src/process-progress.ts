import { ChildProcess } from 'node:child_process';

/**
 * No time budget for a test that runs a whole simulated day: the day takes as long as the machine
 * needs. Jest must not cut it short (Node's timers take at most 2^31 − 1 ms); the test's own
 * guard is `exitWhileProgressing`, which fails only a process that has stopped making progress.
 */
export const NO_TIME_BUDGET_MS = 2 ** 31 - 1;

/**
 * Waits for a child process to exit, however long it works, and answers its exit code and all it
 * wrote. Fails only when it stalls: nothing written to stdout or stderr for `quietMs` (a running
 * day reports progress, and says what it waits for, every few seconds).
 */
export function exitWhileProgressing(child: ChildProcess, quietMs = 300_000): Promise<{ code: number | null; output: string }> {
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    let timer = setTimeout(stalled, quietMs);
    function stalled(): void {
      child.kill('SIGINT');
      reject(new Error(`no output for ${quietMs / 1000} s: the process stalled; it last said:\n${output.join('').split('\n').slice(-20).join('\n')}`));
    }
    const heard = (chunk: Buffer) => {
      output.push(chunk.toString());
      clearTimeout(timer);
      timer = setTimeout(stalled, quietMs);
    };
    child.stdout?.on('data', heard);
    child.stderr?.on('data', heard);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.join('') });
    });
  });
}

/**
 * Waits for a child process to write `marker`, however long it works, and answers all it wrote
 * so far. Fails when it exits first or stalls (nothing written for `quietMs`); it is left running.
 */
export function outputWhileProgressing(child: ChildProcess, marker: string, quietMs = 300_000): Promise<string> {
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    let timer = setTimeout(stalled, quietMs);
    function stalled(): void {
      reject(new Error(`no output for ${quietMs / 1000} s: the process stalled; it last said:\n${output.join('').split('\n').slice(-20).join('\n')}`));
    }
    const heard = (chunk: Buffer) => {
      output.push(chunk.toString());
      clearTimeout(timer);
      if (output.join('').includes(marker)) resolve(output.join(''));
      else timer = setTimeout(stalled, quietMs);
    };
    child.stdout?.on('data', heard);
    child.stderr?.on('data', heard);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the process exited (${code}) before saying "${marker}":\n${output.join('')}`));
    });
  });
}
