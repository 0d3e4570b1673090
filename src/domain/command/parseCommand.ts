import {
  isKnownType,
  isUsageError,
  parsePackageWords,
  quoted,
  type CommandPart,
  type ParsedPackage,
  type UsageError,
} from "./parsePackageWords.js";
import { parseRepair } from "./parseRepair.js";
import { parseRestoreOptions } from "./parseRestoreOptions.js";
import type { RestoreRequest } from "./restoreRequest.js";
import { isOrgLogin } from "./isOrgLogin.js";

export type { CommandPart, UsageError } from "./parsePackageWords.js";

/** Longest command text accepted; longer text is refused rather than cut. */
export const MAX_COMMAND_TEXT = 1000;

/** `history` lists this many requests unless told otherwise, and never more than the maximum. */
export const DEFAULT_HISTORY_COUNT = 10;
export const MAX_HISTORY_COUNT = 50;
/** `versions` pages beyond this are refused: 1,000 deleted versions is past anything worth paging through in Slack. */
export const MAX_VERSIONS_PAGE = 50;

export type ParsedCommand =
  | { kind: "help" }
  | { kind: "history"; org?: string; count: number }
  | ({ kind: "versions"; page: number } & ParsedPackage)
  | { kind: "restore"; request: RestoreRequest }
  | { kind: "doctor" }
  | { kind: "invalid"; error: UsageError; typed: TypedWords };

/**
 * What stood where the org, type and name go, as typed: bad input about an org the bot serves is
 * audited with them, read by the same parse as everything else.
 */
export interface TypedWords {
  org?: string;
  packageType?: string;
  packageName?: string;
}

const HELP_WORDS = new Set(["help", "-h", "--help", "?"]);

/**
 * Parses the text after the slash command. Pure and total: any string gives a
 * request, a subcommand, help, or a usage error naming the wrong part; it never throws.
 */
export function parseCommand(rawText: string): ParsedCommand {
  const text = decodeSlackEntities(rawText).trim();
  const parsed = parseText(text);
  return parsed.kind === "invalid" ? { ...parsed, typed: typedWords(text) } : parsed;
}

type Parsed = Exclude<ParsedCommand, { kind: "invalid" }> | { kind: "invalid"; error: UsageError };

function parseText(text: string): Parsed {
  if (text.length === 0) {
    return invalid("text", "Tell me which package to restore.");
  }
  if (text.length > MAX_COMMAND_TEXT) {
    return invalid(
      "text",
      `The command is ${text.length} characters long; the limit is ${MAX_COMMAND_TEXT}. Shorten the reason.`,
    );
  }
  const matches = [...text.matchAll(/\S+/g)];
  const words = matches.map((match) => match[0]);
  const [orgWord, typeWord, nameWord] = words;
  if (orgWord !== undefined && HELP_WORDS.has(orgWord.toLowerCase())) {
    return { kind: "help" };
  }
  // `history`, `versions` and `doctor` are also valid org names: each is the subcommand unless a package type follows it.
  const subcommand = orgWord?.toLowerCase();
  const typeFollows = typeWord !== undefined && isKnownType(typeWord);
  if (subcommand === "history" && words.length <= 3 && !typeFollows) {
    return parseHistory(words.slice(1));
  }
  if (subcommand === "versions" && !typeFollows) {
    return parseVersions(words.slice(1));
  }
  if (subcommand === "repair" && !typeFollows) {
    return parseRepair(words.slice(1), (index) => reasonFrom(text, matches, index + 1));
  }
  if (subcommand === "doctor" && !typeFollows) {
    return words.length === 1 ? { kind: "doctor" } : invalid("text", "Nothing goes after doctor.");
  }
  const pkg = parsePackageWords(orgWord, typeWord, nameWord);
  if (isUsageError(pkg)) return { kind: "invalid", error: pkg };
  const options = parseRestoreOptions(words, 3, pkg.packageType);
  if (isUsageError(options)) return { kind: "invalid", error: options };
  const reason = reasonFrom(text, matches, options.nextWord);

  const request: RestoreRequest = { ...pkg, target: options.target, reason };
  if (options.packageToken !== undefined) request.packageToken = options.packageToken;
  return { kind: "restore", request };
}

/** The text as typed from word `index` on (its spacing kept), or nothing. */
function reasonFrom(text: string, matches: RegExpMatchArray[], index: number): string {
  const start = matches[index]?.index;
  return start === undefined ? "" : text.slice(start).trim();
}

function parseHistory(args: string[]): Parsed {
  let org: string | undefined;
  let count = DEFAULT_HISTORY_COUNT;
  for (const arg of args) {
    if (/^\d+$/.test(arg)) {
      count = Number(arg);
      if (count < 1 || count > MAX_HISTORY_COUNT)
        return invalid("count", `Ask for 1 to ${MAX_HISTORY_COUNT} requests, not ${arg}.`);
    } else if (org === undefined && isOrgLogin(arg)) {
      org = arg.toLowerCase();
    } else {
      return invalid("org", `${quoted(arg)} can't be a GitHub organization.`, "history");
    }
  }
  return org === undefined ? { kind: "history", count } : { kind: "history", org, count };
}

function parseVersions(args: string[]): Parsed {
  if (args.length === 0) return invalid("org", "Tell me which package's deleted versions to list.", "versions");
  const pkg = parsePackageWords(args[0], args[1], args[2]);
  if (isUsageError(pkg)) return invalid(pkg.part, pkg.message, "versions");
  const [pageWord, ...extra] = args.slice(3);
  if (extra.length > 0) return invalid("text", "Nothing goes after the page number.", "versions");
  if (pageWord === undefined) return { kind: "versions", ...pkg, page: 1 };
  const page = /^\d{1,6}$/.test(pageWord) ? Number(pageWord) : NaN;
  if (!(page >= 1 && page <= MAX_VERSIONS_PAGE))
    return invalid("page", `The page is a number from 1 to ${MAX_VERSIONS_PAGE}, not ${quoted(pageWord)}.`, "versions");
  return { kind: "versions", ...pkg, page };
}

function invalid(part: CommandPart, message: string, usage?: UsageError["usage"]): Parsed {
  return { kind: "invalid", error: usage === undefined ? { part, message } : { part, message, usage } };
}

function typedWords(text: string): TypedWords {
  const [org, packageType, packageName] = text.split(/\s+/).filter((word) => word.length > 0);
  return { ...(org ? { org } : {}), ...(packageType ? { packageType } : {}), ...(packageName ? { packageName } : {}) };
}

/** Slack sends `&`, `<` and `>` in command text as HTML entities; read them back as typed. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
