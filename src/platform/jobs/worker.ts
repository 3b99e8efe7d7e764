import type { EventBus } from '../events/bus.js';
import type { JobQueue } from './queue.js';

export interface Worker {
  /** Runs one round now (tests and the CLI use it). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Polls the outbox and the job table. One round at a time; stop() waits for the round in flight. */
export function startWorker(
  bus: EventBus,
  queue: JobQueue,
  pollMs: number,
  log: { error: (obj: unknown, msg: string) => void },
): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const round = async () => {
    try {
      await bus.dispatchDue();
      await queue.runDue();
    } catch (err) {
      log.error({ err }, 'background worker round failed');
    }
  };
  const loop = () => {
    if (stopped) return;
    running = round().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  timer = setTimeout(loop, 0);

  return {
    tick: async () => {
      await running;
      await round();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
