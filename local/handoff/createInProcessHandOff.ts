import type { Logger } from "../../src/log/logger.js";
import type { HandOff, WorkerJob } from "../../src/handoff/workerJob.js";

/** Lambda's own policy for asynchronous invokes: the first try, then retries after 1 and 2 minutes. */
export const LAMBDA_RETRY_DELAYS_MS = [60_000, 120_000];

export interface InProcessHandOff {
  handOff: HandOff;
  /** Resolves when every job handed over so far has finished (or landed in `deadLetters`). */
  idle(): Promise<void>;
  /** Jobs that failed every attempt, like Lambda's on-failure destination. */
  deadLetters: Array<{ job: WorkerJob; error: unknown }>;
}

/**
 * The worker in the same process, for `npm start` and tests: the job runs after
 * the acknowledgement is sent, with Lambda's retry policy. Durable only as long
 * as the process lives, which is what a local run needs.
 */
export function createInProcessHandOff(
  runJob: (job: WorkerJob) => Promise<void>,
  log: Logger,
  retryDelaysMs: readonly number[] = LAMBDA_RETRY_DELAYS_MS,
): InProcessHandOff {
  const running = new Set<Promise<void>>();
  const deadLetters: InProcessHandOff["deadLetters"] = [];

  async function runWithRetries(job: WorkerJob): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // A structured copy, as Lambda would deliver: the worker can't share objects with the HTTP side.
        await runJob(structuredClone(job));
        return;
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const delay = retryDelaysMs[attempt - 1];
        if (delay === undefined) {
          log.error("Worker job failed on every attempt; dead-lettered", { requestId: job.id, attempt, reason });
          deadLetters.push({ job, error });
          return;
        }
        log.warn("Worker job failed; retrying", { requestId: job.id, attempt, reason });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  return {
    deadLetters,
    async handOff(job) {
      const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => runWithRetries(job));
      running.add(run);
      void run.finally(() => running.delete(run));
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
