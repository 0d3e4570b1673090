import { hasTags, type PackageType } from "./packageTypes.js";
import { quoted, type UsageError } from "./parsePackageWords.js";
import type { RestoreTarget } from "./restoreRequest.js";

const MAX_PACKAGE_TOKEN_LENGTH = 255;
/** Docker's tag grammar: a word character first, then up to 127 of `[A-Za-z0-9_.-]`. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Version strings of npm, Maven, NuGet and RubyGems (1.4.2, 1.0-SNAPSHOT, 2.0.0-rc.1+build), and image digests (sha256:…). */
const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._+:-]{0,254}$/;
/** GitHub's version IDs are integers; more than 15 digits can't be one JavaScript holds exactly. */
const VERSION_ID = /^[0-9]{1,15}$/;

export interface RestoreOptions {
  target: RestoreTarget;
  packageToken?: string;
  /** The index of the first word after the options: the reason starts there. */
  nextWord: number;
}

type OptionName = "token" | "version" | "tag";

/**
 * Reads the options right after the name, in any order, each at most once:
 * `token=`, `version=`, `tag=`. The first word that is not an option starts the reason.
 */
export function parseRestoreOptions(
  words: readonly string[],
  firstWord: number,
  packageType: PackageType,
): RestoreOptions | UsageError {
  const seen = new Map<OptionName, string>();
  let index = firstWord;
  for (; index < words.length; index += 1) {
    const option = /^(token|version|tag)=(.*)$/i.exec(words[index] ?? "");
    if (!option) break;
    const name = (option[1] ?? "").toLowerCase() as OptionName;
    if (seen.has(name)) return { part: name, message: `Give \`${name}=\` only once.` };
    seen.set(name, option[2] ?? "");
  }
  const [token, version, tag] = [seen.get("token"), seen.get("version"), seen.get("tag")];
  if (version !== undefined && tag !== undefined)
    return { part: "version", message: "Use either `version=` or `tag=`, not both." };
  if (token !== undefined && (version !== undefined || tag !== undefined)) {
    return {
      part: "token",
      message:
        "`token=` picks one of several deleted packages, so it goes with a whole-package restore only, not with `version=` or `tag=`.",
    };
  }
  const target =
    version !== undefined
      ? versionTarget(version)
      : tag !== undefined
        ? tagTarget(tag, packageType)
        : ({ kind: "package" } as const);
  if ("part" in target) return target;
  if (token === undefined) return { target, nextWord: index };
  if (token.length === 0 || token.length > MAX_PACKAGE_TOKEN_LENGTH || !/^[A-Za-z0-9._~-]+$/.test(token)) {
    return {
      part: "token",
      message: `\`token=\` needs the package token GitHub shows for the deleted package: 1-${MAX_PACKAGE_TOKEN_LENGTH} letters, digits, \`.\`, \`_\`, \`~\` or \`-\`.`,
    };
  }
  return { target, packageToken: token, nextWord: index };
}

/** A number is GitHub's version ID; anything else is a version string to look up. */
function versionTarget(value: string): RestoreTarget | UsageError {
  if (/^[0-9]+$/.test(value)) {
    const versionId = Number(value);
    if (!VERSION_ID.test(value))
      return { part: "version", message: "That number is too long for a GitHub version ID." };
    return versionId > 0 ? { kind: "version", versionId } : { part: "version", message: "Version IDs start at 1." };
  }
  if (VERSION_NAME.test(value)) return { kind: "version_lookup", selector: { by: "name", name: value } };
  return {
    part: "version",
    message: `${value ? quoted(value) : "An empty value"} isn't a version: give \`version=\` GitHub's version ID (a number) or the version string, such as \`1.4.2\`.`,
  };
}

function tagTarget(value: string, packageType: PackageType): RestoreTarget | UsageError {
  if (!hasTags(packageType)) {
    return {
      part: "tag",
      message: `${packageType} packages have no tags: use \`version=\` with the version string, such as \`version=1.4.2\`.`,
    };
  }
  if (TAG.test(value)) return { kind: "version_lookup", selector: { by: "tag", tag: value } };
  return {
    part: "tag",
    message: `${value ? quoted(value) : "An empty value"} isn't an image tag: use up to 128 letters, digits, \`_\`, \`.\` or \`-\`, not starting with \`.\` or \`-\`.`,
  };
}
