import type { StoreProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";
import type { DoctorSetup } from "./doctorSetup.js";

/** A sweep silent for this many of its periods has stopped. */
const MISSED_SWEEPS = 3;

/**
 * The worker's and the sweep's last successful run. The sweep runs on a schedule, so an old success means it
 * stopped; the worker runs when someone uses the bot, so only "never" is a finding.
 */
export async function checkLastRuns(store: StoreProbe, setup: DoctorSetup): Promise<CheckResult[]> {
  const [worker, sweep] = await Promise.all([store.lastSuccess("worker"), store.lastSuccess("sweep")]);
  const unreadable = (check: string, error: string) =>
    failed(
      check,
      `could not be read from ${store.tableName} (${error}).`,
      "Fix the DynamoDB table's line above, then run the doctor again.",
    );
  const results: CheckResult[] = [];
  if (!worker.ok) results.push(unreadable("Worker's last success", worker.error));
  else if (setup.insideWorker)
    // This answer is the worker's own run, which proves more than a record of an earlier one.
    results.push(
      passed(
        "Worker's last success",
        `running now: this answer comes from it (last recorded job: ${worker.at ?? "none yet"}).`,
      ),
    );
  else if (worker.at === undefined)
    results.push(
      failed(
        "Worker's last success",
        "none recorded: the worker has not finished a job since it started recording them.",
        "Type any command that reaches the worker (history will do) and run the doctor again; if it stays, read the worker's log.",
      ),
    );
  else results.push(passed("Worker's last success", `${worker.at} (${ago(worker.at, setup.now)}).`));

  const limitMs = MISSED_SWEEPS * setup.sweepEveryMs;
  if (!sweep.ok) results.push(unreadable("Sweep's last success", sweep.error));
  else if (sweep.at === undefined)
    results.push(
      failed(
        "Sweep's last success",
        "none recorded yet.",
        `The schedule runs it every ${minutes(setup.sweepEveryMs)}: run the doctor again after that; if it stays, read the worker's log for "Sweep".`,
      ),
    );
  else if (setup.now.getTime() - Date.parse(sweep.at) > limitMs)
    results.push(
      failed(
        "Sweep's last success",
        `${sweep.at} (${ago(sweep.at, setup.now)}), though it is scheduled every ${minutes(setup.sweepEveryMs)}.`,
        `Read the worker's log for "Sweep could not handle a request" and check that the EventBridge schedule is enabled.`,
      ),
    );
  else results.push(passed("Sweep's last success", `${sweep.at} (${ago(sweep.at, setup.now)}).`));
  return results;
}

function ago(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

function minutes(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}
