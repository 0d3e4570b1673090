// What the card says GitHub showed before anyone approves, in plain words, as a function of the pre-check and,
// where it says what to type, of the slash command as configured. Raw text quoting names: escape before rendering.
import { commandFor, describePackage, describeVersion, type ResolvedRequest } from "../../command/restoreRequest.js";
import { RESTORE_WINDOW_DAYS } from "../precheck.js";
import type { Precheck } from "../restoreOutcome.js";

const DAY_MS = 86_400_000;

export function describePrecheck(precheck: Precheck, request: ResolvedRequest, command: string): string {
  const ago = precheck.deletedAt ? ` ${age(precheck.deletedAt, precheck.checkedAt)}` : "";
  const version = request.target.kind === "version" ? describeVersion(request.target) : "the version";
  const listing = `\`${command} versions ${commandFor(request)}\``;
  switch (precheck.kind) {
    case "restorable":
      return request.target.kind === "package"
        ? "GitHub shows no active package by this name, as expected for a deleted one: it looks restorable."
        : `GitHub lists ${version} as deleted${ago}: it looks restorable.`;
    case "package_active":
      return `GitHub shows this package as active: a package restore would fail. To bring back a deleted version, try ${listing}.`;
    case "version_not_deleted":
      return `GitHub doesn't list ${version} among this package's deleted versions: it may be active or not exist, and the restore would fail. See ${listing}.`;
    case "package_deleted":
      return `GitHub shows no active ${describePackage(request)}, so a version restore would fail. If the whole package was deleted, restore it with \`${command} ${commandFor(request)}\`.`;
    case "too_old":
      return `GitHub lists ${version} as deleted${ago}, more than ${RESTORE_WINDOW_DAYS} days ago: GitHub restores only within ${RESTORE_WINDOW_DAYS} days, so the restore will likely fail.`;
    case "unknown":
      return `Could not check with GitHub (${precheck.detail ?? "no answer"}); the request can still go ahead.`;
  }
}

function age(at: string, now: string | undefined): string {
  const ms = Date.parse(now ?? at) - Date.parse(at);
  if (!(ms >= 0)) return "";
  const days = Math.floor(ms / DAY_MS);
  if (days >= 1) return `${days} day${days === 1 ? "" : "s"} ago`;
  const hours = Math.floor(ms / 3_600_000);
  return hours >= 1 ? `${hours} hour${hours === 1 ? "" : "s"} ago` : "less than an hour ago";
}
