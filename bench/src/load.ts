import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Job, Outcomes, Reply } from './protocol';

export interface LoadClient {
  run<J extends Job>(job: J): Promise<Outcomes[J['type']]>;
  close(): void;
}

/** Starts the load client process; jobs run one at a time. */
export function startLoadClient(): LoadClient {
  const child = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return {
    run: <J extends Job>(job: J) =>
      new Promise<Outcomes[J['type']]>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load client exited with code ${code}`));
        child.once('exit', onExit);
        child.once('message', (message) => {
          child.off('exit', onExit);
          const reply = message as Reply;
          // The client answers each job with the outcome of that job's type.
          if (reply.ok) resolve(reply.outcome as Outcomes[J['type']]);
          else reject(new Error(`load client: ${reply.error}`));
        });
        child.send(job);
      }),
    // With the IPC channel closed the client has nothing left to wait for and exits.
    close: () => child.disconnect(),
  };
}
