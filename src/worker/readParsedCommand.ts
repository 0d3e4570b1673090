import { isOrgLogin } from "../domain/command/isOrgLogin.js";
import { isPackageType } from "../domain/command/packageTypes.js";
import { MAX_HISTORY_COUNT, MAX_VERSIONS_PAGE, type ParsedCommand } from "../domain/command/parseCommand.js";
import type { CommandPart } from "../domain/command/parsePackageWords.js";
import { MAX_REPAIR_PAGE } from "../domain/command/parseRepair.js";
import { PARSED_COMMAND_VERSION } from "../handoff/workerJob.js";

export type ParsedCommandReading = { ok: true; command: ParsedCommand } | { ok: false; problem: string };

const PARTS: ReadonlySet<CommandPart> = new Set([
  "text",
  "org",
  "type",
  "name",
  "token",
  "version",
  "tag",
  "count",
  "page",
]);

type Fields = Record<string, unknown>;

/**
 * The job's `parsed` as the worker may use it. The HTTP function wrote it, but possibly another version of it (a job
 * retried across a deploy, a dead letter sent again): a version or shape this code doesn't know is refused, with
 * what was wrong, rather than read as something else. Checks the shape and ranges, not the grammar again.
 */
export function readParsedCommand(value: unknown): ParsedCommandReading {
  if (!isFields(value)) return { ok: false, problem: "the job carries no parsed command" };
  if (value.v !== PARSED_COMMAND_VERSION)
    return {
      ok: false,
      problem: `the parsed command is version ${JSON.stringify(value.v)?.slice(0, 20)}, not ${PARSED_COMMAND_VERSION}`,
    };
  const { command } = value;
  return isParsedCommand(command)
    ? { ok: true, command }
    : { ok: false, problem: `the parsed command (version ${PARSED_COMMAND_VERSION}) has the wrong shape` };
}

function isParsedCommand(command: unknown): command is ParsedCommand {
  if (!isFields(command)) return false;
  switch (command.kind) {
    case "help":
    case "doctor":
      return true;
    case "history":
      return isCount(command.count, MAX_HISTORY_COUNT) && (command.org === undefined || isOrg(command.org));
    case "versions":
      return isPackage(command) && isStrings(command.notes) && isCount(command.page, MAX_VERSIONS_PAGE);
    case "restore":
      return isRequest(command.request);
    case "invalid":
      return isUsageError(command.error) && isTypedWords(command.typed);
    default:
      return false;
  }
}

function isRequest(request: unknown): boolean {
  return (
    isFields(request) &&
    isPackage(request) &&
    isTarget(request.target) &&
    isString(request.reason) &&
    isStrings(request.notes) &&
    isOptional(request, "packageToken", isString)
  );
}

function isTarget(target: unknown): boolean {
  if (!isFields(target)) return false;
  switch (target.kind) {
    case "package":
      return true;
    case "version":
      return (
        Number.isSafeInteger(target.versionId) &&
        (target.versionId as number) > 0 &&
        isOptional(target, "label", isString)
      );
    case "repair":
      return (
        isOptional(target, "page", (page) => isCount(page, MAX_REPAIR_PAGE)) &&
        isOptional(target, "reference", isImageReference)
      );
    case "version_lookup": {
      const selector = target.selector;
      return (
        isFields(selector) &&
        ((selector.by === "name" && isString(selector.name)) || (selector.by === "tag" && isString(selector.tag)))
      );
    }
    default:
      return false;
  }
}

function isImageReference(reference: unknown): boolean {
  if (!isFields(reference)) return false;
  return Object.keys(reference).length === 1 && (isString(reference.tag) || isString(reference.digest));
}

function isUsageError(error: unknown): boolean {
  return (
    isFields(error) &&
    PARTS.has(error.part as CommandPart) &&
    isString(error.message) &&
    (error.usage === undefined || error.usage === "versions" || error.usage === "history" || error.usage === "repair")
  );
}

function isTypedWords(typed: unknown): boolean {
  return isFields(typed) && ["org", "packageType", "packageName"].every((word) => isOptional(typed, word, isString));
}

function isPackage(pkg: Fields): boolean {
  return (
    isOrg(pkg.org) &&
    typeof pkg.packageType === "string" &&
    isPackageType(pkg.packageType) &&
    isString(pkg.packageName) &&
    pkg.packageName !== ""
  );
}

function isOrg(org: unknown): boolean {
  return typeof org === "string" && isOrgLogin(org);
}

function isCount(value: unknown, max: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= max;
}

function isOptional(fields: Fields, name: string, check: (value: unknown) => boolean): boolean {
  return fields[name] === undefined || check(fields[name]);
}

function isStrings(value: unknown): boolean {
  return Array.isArray(value) && value.every(isString);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
