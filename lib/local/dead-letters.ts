import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local stand-ins for the stack's failure queues, one JSON-lines file each
 * under <data dir>/dead-letters/. Same names and same meaning as in AWS
 * (infra/README.md, "Failure queues"), so the runbook reads the same:
 * - `scheduled-failures`: a job or reminder that threw in functions/scheduled
 *   (AWS: the function's on-failure destination, after Lambda's 2 retries;
 *   locally: at once, the local scheduler does not retry);
 * - `reminder-dead-letters`: a one-off reminder the scheduler emulator gave up on
 *   after the schedule's retry policy (AWS: the schedule's DeadLetterConfig);
 * - `slack-worker-failures`: Slack work that threw in the in-process worker
 *   (AWS: slack-worker's on-failure destination, after 2 retries).
 * Each message keeps the event the function received, so a redrive re-invokes
 * the function with exactly that event.
 */
export const localQueues = ['scheduled-failures', 'reminder-dead-letters', 'slack-worker-failures'] as const;
export type LocalQueue = (typeof localQueues)[number];

/** Which function a redrive of each queue invokes. */
export const queueTarget: Record<LocalQueue, 'scheduled' | 'slack-worker'> = {
  'scheduled-failures': 'scheduled',
  'reminder-dead-letters': 'scheduled',
  'slack-worker-failures': 'slack-worker',
};

export interface DeadLetter {
  id: string;
  queue: LocalQueue;
  /** the event to re-invoke the target with */
  event: unknown;
  error: string;
  failedAt: string;
  /** how often a redrive has failed again */
  redriveFailures: number;
}

export const isLocalQueue = (name: string): name is LocalQueue => (localQueues as readonly string[]).includes(name);

export function deadLetterStore(dataDir: string) {
  const dir = join(dataDir, 'dead-letters');
  const file = (queue: LocalQueue) => join(dir, `${queue}.jsonl`);

  function list(queue: LocalQueue): DeadLetter[] {
    let text: string;
    try {
      text = readFileSync(file(queue), 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DeadLetter);
  }

  /** Whole-file rewrite through a rename, so a crash never leaves half a queue. */
  function write(queue: LocalQueue, messages: DeadLetter[]): void {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file(queue)}.${process.pid}.tmp`;
    writeFileSync(tmp, messages.map((m) => JSON.stringify(m)).join('\n') + (messages.length ? '\n' : ''));
    renameSync(tmp, file(queue));
  }

  return {
    list,
    add(queue: LocalQueue, event: unknown, error: unknown, now = new Date()): DeadLetter {
      const message: DeadLetter = {
        id: randomUUID(),
        queue,
        event,
        error: describe(error),
        failedAt: now.toISOString(),
        redriveFailures: 0,
      };
      write(queue, [...list(queue), message]);
      return message;
    },
    /**
     * Re-invokes the queue's target with each message's event, one at a time; a
     * message leaves the queue only when its invocation succeeds. Messages added
     * while a redrive runs are kept.
     */
    async redrive(queue: LocalQueue, invoke: (event: unknown) => Promise<unknown>): Promise<{ redriven: number; failed: DeadLetter[] }> {
      const batch = list(queue);
      const done = new Set<string>();
      const failed = new Map<string, DeadLetter>();
      for (const message of batch) {
        try {
          await invoke(message.event);
          done.add(message.id);
        } catch (error) {
          failed.set(message.id, { ...message, error: describe(error), redriveFailures: message.redriveFailures + 1 });
        }
      }
      write(
        queue,
        list(queue)
          .filter((m) => !done.has(m.id))
          .map((m) => failed.get(m.id) ?? m),
      );
      return { redriven: done.size, failed: [...failed.values()] };
    },
  };
}

export type DeadLetterStore = ReturnType<typeof deadLetterStore>;

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
