import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { ReplyArrival } from './latency-stand-in.js';

export interface StandInProcess {
  url: string;
  arrivals(): Promise<ReplyArrival[]>;
  close(): Promise<void>;
}

interface StandInMessage {
  type: 'url' | 'arrivals';
  url?: string;
  arrivals?: ReplyArrival[];
}

/** Starts bench/latency-stand-in.ts in a process of its own and talks to it over IPC. */
export async function startStandInProcess(): Promise<StandInProcess> {
  const child: ChildProcess = fork('bench/latency-stand-in.ts', [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = async (type: StandInMessage['type']): Promise<StandInMessage> => {
    for (;;) {
      const [message] = (await once(child, 'message')) as [StandInMessage];
      if (message.type === type) return message;
    }
  };
  const { url } = await next('url');
  if (!url) throw new Error('the Twilio stand-in did not start');
  return {
    url,
    async arrivals() {
      const answer = next('arrivals');
      child.send({ type: 'arrivals' });
      return (await answer).arrivals ?? [];
    },
    async close() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
