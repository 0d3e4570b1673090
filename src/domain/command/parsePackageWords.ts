import {
  PACKAGE_TYPES,
  PACKAGE_TYPE_ALIASES,
  allowsSlashInName,
  isPackageType,
  type PackageType,
} from "./packageTypes.js";
import { isOrgLogin } from "./isOrgLogin.js";
import type { PackageRef } from "./restoreRequest.js";
import type { CommandForm } from "./commandSyntax.js";

/** GitHub does not publish a limit; npm's is 214, and no registry GitHub hosts goes past 255. */
const MAX_NAME_LENGTH = 255;

/** The part of the command a usage error is about, so the reply can name it. */
export type CommandPart = "text" | "org" | "type" | "name" | "token" | "version" | "tag" | "count" | "page";

export interface UsageError {
  part: CommandPart;
  /** Plain text that may quote the user's input: escape it before showing it in Slack. */
  message: string;
  /** The form whose syntax the answer should point to, after the message (it names the command, which the parser doesn't know). */
  usage?: Exclude<CommandForm, "restore" | "help">;
}

export type ParsedPackage = PackageRef & { notes: string[] };

/** Reads `<org> <type> <name>` (shared by restores and `versions`), normalising as GitHub names things. */
export function parsePackageWords(
  orgWord: string | undefined,
  typeWord: string | undefined,
  nameWord: string | undefined,
): ParsedPackage | UsageError {
  if (orgWord === undefined || typeWord === undefined)
    return { part: "type", message: "Missing the package type and name after the org." };
  if (nameWord === undefined) return { part: "name", message: "Missing the package name after the type." };
  const notes: string[] = [];
  if (!isOrgLogin(orgWord)) {
    return {
      part: "org",
      message: `${quoted(orgWord)} can't be a GitHub organization: use 1-39 letters, digits or single hyphens, not starting or ending with a hyphen.`,
    };
  }
  const packageType = resolvePackageType(typeWord.toLowerCase(), notes);
  if (packageType === undefined) {
    return {
      part: "type",
      message: `${quoted(typeWord)} is not a package type GitHub knows. Use one of: ${PACKAGE_TYPES.join(", ")}.`,
    };
  }
  const packageName = normalizeName(nameWord, packageType, notes);
  const nameProblem = checkName(packageName, packageType);
  if (nameProblem !== undefined) return { part: "name", message: nameProblem };
  return { org: orgWord.toLowerCase(), packageType, packageName, notes };
}

export function isUsageError(value: object): value is UsageError {
  return "part" in value && "message" in value;
}

export function isKnownType(word: string): boolean {
  const lower = word.toLowerCase();
  return isPackageType(lower) || PACKAGE_TYPE_ALIASES[lower] !== undefined;
}

/**
 * User input quoted in a message, as inline code. Backticks inside would end the
 * code span and let the rest format, so they become a look-alike (ˋ).
 */
export function quoted(word: string): string {
  return `\`${word.replace(/`/g, "ˋ").slice(0, 100)}\``;
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
  const allowed = slash ? /^[a-z0-9._/-]+$/ : /^[a-z0-9._-]+$/;
  const allowedText = slash
    ? "lowercase letters, digits, `.`, `_`, `-` and `/`"
    : "lowercase letters, digits, `.`, `_` and `-`";
  if (!allowed.test(name)) {
    return `${quoted(name)} isn't a ${type} package name GitHub allows: use ${allowedText}.`;
  }
  const segments = name.split("/");
  if (segments.some((segment) => !/^[a-z0-9]/.test(segment))) {
    return `${quoted(name)} isn't a package name GitHub allows: each part must start with a letter or digit.`;
  }
  return undefined;
}
