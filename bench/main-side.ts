import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { workerReplySchema, type Phase, type PhaseMeasurement, type WorkerCommand, type WorkerReply, type WorkerStart } from './protocol';

const WORKER = fileURLToPath(new URL('./main-side-worker.ts', import.meta.url));

/** The app's main side (or the naive baseline) in its own process (main-side-worker.ts), one case and phase at a time. */
export interface MainSide {
  /** Starts a fresh case: new stores and services, signed in to that case's emulator. */
  begin(start: Omit<WorkerStart, 'type'>): Promise<void>;
  run(phase: Phase): Promise<PhaseMeasurement>;
  stop(): Promise<void>;
}

export function startMainSide(): MainSide {
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (command: WorkerCommand) => {
    const answer = nextReply(child);
    child.send(command);
    return answer;
  };
  return {
    async begin(start) {
      const answer = await ask({ type: 'start', ...start });
      if (answer.type !== 'ready') throw new Error(`the ${start.approach} main side did not start: ${describe(answer)}`);
    },
    async run(phase) {
      const answer = await ask({ type: 'run', phase });
      if (answer.type !== 'measured') throw new Error(`${phase} failed in the main side: ${describe(answer)}`);
      return answer.measurement;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'exit' } satisfies WorkerCommand);
      await exited;
    },
  };
}

function nextReply(child: ChildProcess): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the main side exited (code ${String(code)})`));
    child.once('exit', onExit);
    child.once('message', (raw: unknown) => {
      child.off('exit', onExit);
      resolve(workerReplySchema.parse(raw));
    });
  });
}

function describe(reply: WorkerReply): string {
  return reply.type === 'failed' ? reply.message : reply.type;
}
