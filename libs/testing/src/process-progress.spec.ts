import { spawn } from 'node:child_process';
import { exitWhileProgressing } from './process-progress';

const node = (script: string) => spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });

describe('waiting for a process while it makes progress', () => {
  it('waits as long as it keeps talking, and answers its exit code and output', async () => {
    const child = node("let n = 0; const t = setInterval(() => { console.log('step', ++n); if (n === 5) { clearInterval(t); process.exit(3); } }, 40);");
    await expect(exitWhileProgressing(child, 60_000)).resolves.toEqual({ code: 3, output: 'step 1\nstep 2\nstep 3\nstep 4\nstep 5\n' });
  });

  it('fails a process that has gone quiet, saying what it last said, and stops it', async () => {
    const child = node("console.log('about to hang'); setInterval(() => undefined, 1000);");
    await expect(exitWhileProgressing(child, 1_500)).rejects.toThrow(/^no output for 1.5 s: the process stalled; it last said:\n/);
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    expect(child.signalCode).toBe('SIGINT');
  });
});
