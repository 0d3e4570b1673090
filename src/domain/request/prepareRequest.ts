import {
  findDeletedVersion,
  LOOKUP_MAX_PAGES,
  LOOKUP_PAGE_SIZE,
  matchesSelector,
  versionLabel,
  type VersionLookup,
} from "./findDeletedVersion.js";
import type { FlowDeps } from "./flowDeps.js";
import { latest, moveRecord, recordAfter, type MoveResult } from "./moveRecord.js";
import { runPrecheck, withinWindow } from "./precheck.js";
import type { RequestRecord } from "./requestRecord.js";
import { isResolved } from "../command/restoreRequest.js";
import { packageNotFoundForVersion, versionLookupFailed, versionNotFound } from "./messages/commandMessages.js";
import { withDeadline } from "./withDeadline.js";

/** Looking a tag up may walk several pages; longer than this and the requester is told to try again. */
export const LOOKUP_TIMEOUT_MS = 30_000;

/**
 * A version asked for by tag or version string is looked up among the package's
 * deleted versions: found, the request goes on with its ID (and a pre-check from
 * what the listing showed); not found, the requester is told privately and the
 * request is recorded as refused. Written to the record, so a redelivery doesn't look again.
 */
export async function resolveVersion(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const { request } = record;
  if (request.target.kind !== "version_lookup") return record;
  const lookup = await withDeadline(
    findDeletedVersion(deps.github, request, matchesSelector(request.target.selector)),
    LOOKUP_TIMEOUT_MS,
    (why): VersionLookup => ({
      kind: "unknown",
      reason: why === "timeout" ? "GitHub took too long to answer" : "the lookup failed",
    }),
  );
  const asked = { ...request, target: request.target };
  switch (lookup.kind) {
    case "found": {
      const { version } = lookup;
      const label = versionLabel(version, request.packageType);
      const now = deps.now();
      const precheck = {
        ...withinWindow(
          { kind: "restorable", versionLabel: label, ...(version.deletedAt ? { deletedAt: version.deletedAt } : {}) },
          now,
        ),
        checkedAt: now.toISOString(),
      };
      const resolved = { ...request, target: { kind: "version" as const, versionId: version.id, label } };
      return recordAfter(await moveRecord(deps, record, { request: resolved, precheck }, "received"), record.id);
    }
    case "not_found":
      return refuse(
        record,
        "version_not_found",
        versionNotFound(asked, deps.command, lookup.truncated ? LOOKUP_MAX_PAGES * LOOKUP_PAGE_SIZE : undefined),
        deps,
      );
    case "package_deleted":
      return refuse(
        record,
        "package_not_found",
        packageNotFoundForVersion(asked, deps.command, deps.github.authMode === "app"),
        deps,
      );
    case "unknown":
      return refuse(record, "version_lookup_failed", versionLookupFailed(asked, lookup.reason), deps);
  }
}

/** Asks GitHub what it shows, once per request; never blocks the request. A version found by ID gets its name for the card. */
export async function withPrecheck(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const move = await recordPrecheck(record, deps);
  return move === undefined ? record : recordAfter(move, record.id);
}

/**
 * For a card already posted and waiting for a decision: the pre-check, written to the record only while it is
 * still pending, and put on the card in place. A decision that got there first redraws the card itself, so the
 * verdict is then left off rather than drawn over the decision.
 */
export async function showPrecheck(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const move = await recordPrecheck(record, deps);
  if (move === undefined) return record;
  if (move.moved) await deps.chat.updateCard(move.record);
  return recordAfter(move, record.id);
}

async function recordPrecheck(record: RequestRecord, deps: FlowDeps): Promise<MoveResult | undefined> {
  if (record.precheck !== undefined || !isResolved(record.request)) return undefined;
  const precheck = await runPrecheck(deps.github, record.request, deps.now);
  const { target } = record.request;
  const labelled =
    target.kind === "version" && target.label === undefined && precheck.versionLabel !== undefined
      ? { request: { ...record.request, target: { ...target, label: precheck.versionLabel } } }
      : {};
  return moveRecord(deps, record, { precheck, ...labelled });
}

async function refuse(record: RequestRecord, code: string, message: string, deps: FlowDeps): Promise<RequestRecord> {
  await deps.chat.tellPrivately(message);
  return (
    latest(await moveRecord(deps, record, { state: "refused", refusal: code, reported: true }, "received")) ?? record
  );
}
