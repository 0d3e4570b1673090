import type { WorkerConfig } from "../config/loadWorkerConfig.js";
import { type DoctorSetup, SWEEP_EVERY_MS } from "../domain/doctor/doctorSetup.js";

/** What the worker's configuration asks of the platforms. */
export function doctorSetupFor(
  config: WorkerConfig,
  options: { now: Date; insideWorker: boolean; sweepEveryMs?: number },
): DoctorSetup {
  const groups = new Set([...(config.approvers?.groups ?? []), ...(config.policy.requesters?.groups ?? [])]);
  return {
    authMode: config.github.authMode,
    orgs: config.policy.orgs === null ? null : [...config.policy.orgs],
    ...(config.approval.channelId ? { approvalChannel: config.approval.channelId } : {}),
    ...(config.audit.channelId ? { auditChannel: config.audit.channelId } : {}),
    userGroups: [...groups],
    sweepEveryMs: options.sweepEveryMs ?? SWEEP_EVERY_MS,
    now: options.now,
    insideWorker: options.insideWorker,
  };
}
