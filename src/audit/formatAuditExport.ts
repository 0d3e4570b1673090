import { stringify } from "csv-stringify/sync";
import type { AuditEvent } from "../domain/audit/auditEvent.js";

export type ExportFormat = "csv" | "json";

/** Columns of the CSV export, in order. */
export const CSV_COLUMNS = [
  "at",
  "event",
  "request_id",
  "event_id",
  "actor_team",
  "actor_user",
  "requester_team",
  "requester_user",
  "org",
  "package_type",
  "package_name",
  "reason",
  "decision",
  "github_outcome",
  "github_status",
  "github_message",
  "github_request_id",
  "thread_link",
  // Added with version restores; at the end so existing column positions stay put.
  "version_id",
  "version_label",
] as const;

/** Audit events as CSV (one row each, header first) or as JSON lines. */
export function formatAuditExport(events: readonly AuditEvent[], format: ExportFormat): string {
  if (format === "json")
    return events.map((event) => JSON.stringify(event)).join("\n") + (events.length > 0 ? "\n" : "");
  const rows = events.map((event) => [
    event.at,
    event.event,
    event.requestId,
    event.eventId,
    event.actor?.teamId,
    event.actor?.userId,
    event.requester.teamId,
    event.requester.userId,
    event.org,
    event.packageType,
    event.packageName,
    event.reason,
    event.decision,
    event.github?.outcome,
    event.github?.status,
    event.github?.message,
    event.github?.requestId,
    event.threadLink,
    event.versionId,
    event.versionLabel,
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], {
    record_delimiter: "windows",
    // Reasons are typed by users: text a spreadsheet would run as a formula (=, +, -, @, their full-width forms, tab, CR) gets a leading '.
    escape_formulas: true,
    // RFC 4180 quotes any field holding a line break; csv-stringify by itself only quotes one holding the whole CRLF.
    quoted_match: /[\r\n]/,
  });
}
