import { PACKAGE_TYPES, PACKAGE_TYPE_ALIASES, allowsSlashInName, isPackageType, type PackageType } from "./packageTypes.js";
import type { RestoreRequest } from "./restoreRequest.js";
import { isOrgLogin } from "./isOrgLogin.js";

/** Longest command text accepted; longer text is refused rather than cut. */
export const MAX_COMMAND_TEXT = 1000;
/** GitHub does not publish a limit; npm's is 214, and no registry GitHub hosts goes past 255. */
const MAX_NAME_LENGTH = 255;
const MAX_PACKAGE_TOKEN_LENGTH = 255;

/** `history` lists this many requests unless told otherwise, and never more than the maximum. */
export const DEFAULT_HISTORY_COUNT = 10;
export const MAX_HISTORY_COUNT = 50;

export const USAGE = [
  "Usage: `/restore-package <org> <type> <name> [token=<package token>] [reason…]`",
  `• <type> is one of ${PACKAGE_TYPES.join(", ")} (gradle means maven, ghcr means container)`,
  "• Example: `/restore-package acme container team/app deleted by the cleanup job`",
  `• \`/restore-package history [org] [count]\` lists recent requests (${DEFAULT_HISTORY_COUNT} by default, at most ${MAX_HISTORY_COUNT})`,
  "• `/restore-package help` shows this message",
].join("\n");

/** The part of the command a usage error is about, so the reply can name it. */
export type CommandPart = "text" | "org" | "type" | "name" | "token" | "count";

export interface UsageError {
  part: CommandPart;
  /** Plain text that may quote the user's input: escape it before showing it in Slack. */
  message: string;
}

export type ParsedCommand =
  | { kind: "help" }
  | { kind: "history"; org?: string; count: number }
  | { kind: "restore"; request: RestoreRequest }
  | { kind: "invalid"; error: UsageError };

const HELP_WORDS = new Set(["help", "-h", "--help", "?"]);

/**
 * Parses the text after `/restore-package`. Pure and total: any string gives a
 * request, help, or a usage error naming the wrong part; it never throws.
 */
export function parseCommand(rawText: string): ParsedCommand {
  const text = decodeSlackEntities(rawText).trim();
  if (text.length === 0) {
    return invalid("text", "Tell me which package to restore.");
  }
  if (text.length > MAX_COMMAND_TEXT) {
    return invalid("text", `The command is ${text.length} characters long; the limit is ${MAX_COMMAND_TEXT}. Shorten the reason.`);
  }
  const words = [...text.matchAll(/\S+/g)];
  const [orgWord, typeWord, nameWord] = words.map((match) => match[0]);
  if (orgWord !== undefined && HELP_WORDS.has(orgWord.toLowerCase())) {
    return { kind: "help" };
  }
  // `history` is also a valid org name: it is the subcommand unless a package type follows it.
  if (orgWord?.toLowerCase() === "history" && words.length <= 3 && !(typeWord !== undefined && isKnownType(typeWord))) {
    return parseHistory(words.slice(1).map((match) => match[0]));
  }
  if (orgWord === undefined || typeWord === undefined) {
    return invalid("type", "Missing the package type and name after the org.");
  }
  if (nameWord === undefined) {
    return invalid("name", "Missing the package name after the type.");
  }
  const notes: string[] = [];

  if (!isOrgLogin(orgWord)) {
    return invalid("org", `${quoted(orgWord)} can't be a GitHub organization: use 1-39 letters, digits or single hyphens, not starting or ending with a hyphen.`);
  }
  const org = orgWord.toLowerCase();

  const packageType = resolvePackageType(typeWord.toLowerCase(), notes);
  if (packageType === undefined) {
    return invalid("type", `${quoted(typeWord)} is not a package type GitHub knows. Use one of: ${PACKAGE_TYPES.join(", ")}.`);
  }

  const name = normalizeName(nameWord, packageType, notes);
  const nameProblem = checkName(name, packageType);
  if (nameProblem !== undefined) {
    return invalid("name", nameProblem);
  }

  let nextWord = 3;
  let packageToken: string | undefined;
  const tokenMatch = /^token=(.*)$/i.exec(words[nextWord]?.[0] ?? "");
  if (tokenMatch) {
    packageToken = tokenMatch[1] ?? "";
    if (packageToken.length === 0 || packageToken.length > MAX_PACKAGE_TOKEN_LENGTH || !/^[A-Za-z0-9._~-]+$/.test(packageToken)) {
      return invalid("token", `\`token=\` needs the package token GitHub shows for the deleted package: 1-${MAX_PACKAGE_TOKEN_LENGTH} letters, digits, \`.\`, \`_\`, \`~\` or \`-\`.`);
    }
    nextWord += 1;
  }
  const reasonStart = words[nextWord]?.index;
  const reason = reasonStart === undefined ? "" : text.slice(reasonStart).trim();

  const request: RestoreRequest = { org, packageType, packageName: name, target: { kind: "package" }, reason, notes };
  if (packageToken !== undefined) request.packageToken = packageToken;
  return { kind: "restore", request };
}

function parseHistory(args: string[]): ParsedCommand {
  let org: string | undefined;
  let count = DEFAULT_HISTORY_COUNT;
  for (const arg of args) {
    if (/^\d+$/.test(arg)) {
      count = Number(arg);
      if (count < 1 || count > MAX_HISTORY_COUNT) return invalid("count", `Ask for 1 to ${MAX_HISTORY_COUNT} requests, not ${arg}.`);
    } else if (org === undefined && isOrgLogin(arg)) {
      org = arg.toLowerCase();
    } else {
      return invalid("org", `${quoted(arg)} can't be a GitHub organization. Use \`/restore-package history [org] [count]\`.`);
    }
  }
  return org === undefined ? { kind: "history", count } : { kind: "history", org, count };
}

function isKnownType(word: string): boolean {
  const lower = word.toLowerCase();
  return isPackageType(lower) || PACKAGE_TYPE_ALIASES[lower] !== undefined;
}

/**
 * User input quoted in a message, as inline code. Backticks inside would end the
 * code span and let the rest format, so they become a look-alike (ˋ).
 */
function quoted(word: string): string {
  return `\`${word.replace(/`/g, "ˋ").slice(0, 100)}\``;
}

function invalid(part: CommandPart, message: string): ParsedCommand {
  return { kind: "invalid", error: { part, message } };
}

/** Slack sends `&`, `<` and `>` in command text as HTML entities; read them back as typed. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function resolvePackageType(word: string, notes: string[]): PackageType | undefined {
  if (isPackageType(word)) return word;
  const alias = PACKAGE_TYPE_ALIASES[word];
  if (alias !== undefined) notes.push(`Read type \`${word}\` as \`${alias}\`, GitHub's name for it.`);
  return alias;
}

function normalizeName(word: string, type: PackageType, notes: string[]): string {
  const lower = word.toLowerCase();
  if (lower !== word) notes.push("GitHub package names are lowercase, so I lower-cased the name.");
  const scoped = /^@[^/]+\/(.+)$/.exec(lower);
  if (type === "npm" && scoped?.[1] !== undefined) {
    notes.push(`GitHub names npm packages without the scope, so I used \`${scoped[1]}\`.`);
    return scoped[1];
  }
  return lower;
}

/** Returns why GitHub would not accept this name, or undefined when it is plausible. */
function checkName(name: string, type: PackageType): string | undefined {
  if (name.length > MAX_NAME_LENGTH) {
    return `The package name is ${name.length} characters long; GitHub allows at most ${MAX_NAME_LENGTH}.`;
  }
  const slash = allowsSlashInName(type);
  const allowed = slash ? /^[a-z0-9._\/-]+$/ : /^[a-z0-9._-]+$/;
  const allowedText = slash ? "lowercase letters, digits, `.`, `_`, `-` and `/`" : "lowercase letters, digits, `.`, `_` and `-`";
  if (!allowed.test(name)) {
    return `${quoted(name)} isn't a ${type} package name GitHub allows: use ${allowedText}.`;
  }
  const segments = name.split("/");
  if (segments.some((segment) => !/^[a-z0-9]/.test(segment))) {
    return `${quoted(name)} isn't a package name GitHub allows: each part must start with a letter or digit.`;
  }
  return undefined;
}
