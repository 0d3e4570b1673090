import type { AuditEvent } from "./auditEvent.js";

/**
 * Where audit events go. `record` writes the durable record first (the source of
 * truth), then the log line and the audit channel; an event already recorded is
 * skipped, so callers may record the same events again after a crash.
 */
export interface AuditTrail {
  record(events: readonly AuditEvent[]): Promise<void>;
}
