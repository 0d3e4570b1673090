import type { AuditEvent } from "./auditEvent.js";

/** The durable, append-only store of audit events (DynamoDB in AWS): the audit trail writes it, `npm run audit` reads it. */
export interface AuditStore {
  /** Writes the event unless one with its eventId exists; `false` when it did. Never overwrites. */
  append(event: AuditEvent): Promise<boolean>;
  byRequest(requestId: string): Promise<AuditEvent[]>;
  /** Events from `since` to `until`, oldest first. */
  between(since: Date, until: Date): Promise<AuditEvent[]>;
}
