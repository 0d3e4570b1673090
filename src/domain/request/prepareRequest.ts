import { findDeletedVersion, LOOKUP_MAX_PAGES, LOOKUP_PAGE_SIZE, matchesSelector, versionLabel, type VersionLookup } from "./findDeletedVersion.js";
import type { FlowDeps } from "./flowDeps.js";
import { moveRecord, readRecord } from "./moveRecord.js";
import { runPrecheck, withinWindow } from "./precheck.js";
import type { RequestRecord } from "./requestRecord.js";
import { commandFor, describePackage, describeVersion, isResolved } from "../command/restoreRequest.js";
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
  const lookup = await withDeadline(findDeletedVersion(deps.github, request, matchesSelector(request.target.selector)), LOOKUP_TIMEOUT_MS, (why): VersionLookup => ({
    kind: "unknown",
    reason: why === "timeout" ? "GitHub took too long to answer" : "the lookup failed",
  }));
  const asked = describeVersion(request.target);
  const pkg = describePackage(request);
  switch (lookup.kind) {
    case "found": {
      const { version } = lookup;
      const label = versionLabel(version, request.packageType);
      const now = deps.now();
      const precheck = { ...withinWindow({ kind: "restorable", versionLabel: label, ...(version.deletedAt ? { deletedAt: version.deletedAt } : {}) }, now), checkedAt: now.toISOString() };
      const resolved = { ...request, target: { kind: "version" as const, versionId: version.id, label } };
      return (await moveRecord(deps, record, { request: resolved, precheck }, "received")) ?? readRecord(deps, record.id);
    }
    case "not_found": {
      const among = lookup.truncated ? ` among its newest ${LOOKUP_MAX_PAGES * LOOKUP_PAGE_SIZE} deleted versions` : "";
      return refuse(record, "version_not_found", `GitHub lists no deleted ${asked} of the ${pkg}${among}, so nothing was done. See what can be restored with \`${deps.command} versions ${commandFor(request)}\`.`, deps);
    }
    case "package_deleted": {
      const appCaveat = deps.github.authMode === "app" ? " (GitHub also answers “not found” when it refuses the bot's GitHub App token on package endpoints.)" : "";
      return refuse(record, "package_not_found", `GitHub shows no active ${pkg} to look up the ${asked} in, so nothing was done. If the whole package was deleted, restore it with \`${deps.command} ${commandFor(request)}\`.${appCaveat}`, deps);
    }
    case "unknown":
      return refuse(record, "version_lookup_failed", `I couldn't look up the ${asked} of the ${pkg} on GitHub (${lookup.reason}), so nothing was done. Try again later, or give the version's ID with \`version=<ID>\`.`, deps);
  }
}

/** Asks GitHub what it shows, once per request; never blocks the request. A version found by ID gets its name for the card. */
export async function withPrecheck(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  if (record.precheck !== undefined || !isResolved(record.request)) return record;
  const precheck = await runPrecheck(deps.github, record.request, deps.now);
  const { target } = record.request;
  const labelled = target.kind === "version" && target.label === undefined && precheck.versionLabel !== undefined ? { request: { ...record.request, target: { ...target, label: precheck.versionLabel } } } : {};
  return (await moveRecord(deps, record, { precheck, ...labelled })) ?? readRecord(deps, record.id);
}

async function refuse(record: RequestRecord, code: string, message: string, deps: FlowDeps): Promise<RequestRecord> {
  await deps.chat.tellPrivately(message);
  return (await moveRecord(deps, record, { state: "refused", refusal: code, reported: true }, "received")) ?? record;
}
