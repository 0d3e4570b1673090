import type { HealthComponent } from "../domain/ports/doctorProbes.js";
import type { HealthRecords } from "../domain/ports/healthRecords.js";
import type { Logger } from "../log/logger.js";

/**
 * A container records the worker's success at most once a minute, so a busy worker adds about one write a minute
 * rather than one per job; the sweep, every 5 minutes, records each time.
 */
export const WORKER_HEARTBEAT_EVERY_MS = 60_000;

/**
 * Records successes for `doctor`. A failed write is logged and forgotten: a job that did its work must not be
 * retried (or dead-lettered) because its health record could not be written.
 */
export function createHeartbeat(health: HealthRecords | undefined, log: Logger) {
  let workerRecordedAt = Number.NEGATIVE_INFINITY;
  return {
    async beat(component: HealthComponent, at: Date): Promise<void> {
      if (health === undefined) return;
      if (component === "worker") {
        if (at.getTime() - workerRecordedAt < WORKER_HEARTBEAT_EVERY_MS) return;
        workerRecordedAt = at.getTime();
      }
      try {
        await health.recordSuccess(component, at);
      } catch (error) {
        if (component === "worker") workerRecordedAt = Number.NEGATIVE_INFINITY;
        log.warn("Could not record a successful run for doctor", {
          component,
          reason: error instanceof Error ? error.name : "unknown error",
        });
      }
    },
  };
}
