import { isKnownType, isUsageError, parsePackageWords, quoted, type UsageError } from "./parsePackageWords.js";
import type { ImageReference, RestoreRequest } from "./restoreRequest.js";

/** OCI Distribution's tag grammar. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Scans go this many pages of 50 tagged versions deep at most. */
export const MAX_REPAIR_PAGE = 20;

type RepairParse = { kind: "restore"; request: RestoreRequest } | { kind: "invalid"; error: UsageError };

/**
 * `repair <org> <image>[:<tag>|@<digest>] [page=<n>] [reason…]`, where the image may be pasted as pulled
 * (`ghcr.io/<org>/<name>:<tag>`), or `repair <org> container <name> [tag=<tag>] [reason…]`. `words` follow
 * `repair`; `rest(i)` is the typed text from word `i` on, the reason.
 */
export function parseRepair(words: string[], rest: (index: number) => string): RepairParse {
  const [orgWord, imageWord, nameWord] = words;
  if (orgWord === undefined || imageWord === undefined)
    return invalid("name", "Tell me which image to repair: its org, then the image as you pull it.");
  if (isKnownType(imageWord)) {
    const pkg = parsePackageWords(orgWord, imageWord, nameWord);
    if (isUsageError(pkg)) return invalid(pkg.part, pkg.message);
    if (pkg.packageType !== "container")
      return invalid("type", `Only container images can be repaired, not ${pkg.packageType} packages.`);
    const option = words[3];
    const tag = option?.toLowerCase().startsWith("tag=") ? option.slice(4) : undefined;
    if (tag !== undefined && !TAG.test(tag)) return invalid("tag", `${quoted(tag)} isn't a tag a registry allows.`);
    return repair(pkg, tag === undefined ? undefined : { tag }, undefined, rest(tag === undefined ? 3 : 4));
  }
  const image = readImage(orgWord, imageWord);
  if ("part" in image) return { kind: "invalid", error: { ...image, usage: "repair" } };
  const pkg = parsePackageWords(orgWord, "container", image.name);
  if (isUsageError(pkg)) return invalid(pkg.part, pkg.message);
  const pageWord = words[2]?.toLowerCase().startsWith("page=") ? words[2].slice(5) : undefined;
  if (pageWord === undefined) return repair(pkg, image.reference, undefined, rest(2));
  if (image.reference !== undefined) return invalid("page", "A page goes with a whole image, not with a tag.");
  const page = /^\d{1,3}$/.test(pageWord) ? Number(pageWord) : Number.NaN;
  if (!(page >= 1 && page <= MAX_REPAIR_PAGE))
    return invalid("page", `The page is a number from 1 to ${MAX_REPAIR_PAGE}, not ${quoted(pageWord)}.`);
  return repair(pkg, undefined, page, rest(3));
}

/**
 * The image as typed or pasted: `team/app`, `team/app:1.4`, `team/app@sha256:…`, or the same behind a registry host
 * (`ghcr.io/acme/team/app:1.4`), whose first path part must then be the org.
 */
function readImage(org: string, word: string): { name: string; reference?: ImageReference } | UsageError {
  let path = word;
  const [first = "", ...afterHost] = path.split("/");
  // As Docker reads a reference: a first part with a dot, a colon or `localhost`, followed by more, is a registry host.
  if (afterHost.length > 0 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    const [, owner, ...rest] = path.split("/");
    if (owner?.toLowerCase() !== org.toLowerCase() || rest.length === 0)
      return {
        part: "name",
        message: `${quoted(word)} is not an image of ${quoted(org)}: paste it as \`${first}/${org.toLowerCase()}/<name>:<tag>\`.`,
      };
    path = rest.join("/");
  }
  const at = path.indexOf("@");
  if (at >= 0) {
    const digest = path.slice(at + 1).toLowerCase();
    if (!DIGEST.test(digest))
      return {
        part: "tag",
        message: `${quoted(path.slice(at + 1))} isn't an image digest: use \`sha256:\` and 64 hex digits.`,
      };
    return { name: path.slice(0, at).replace(/:[^/]*$/, ""), reference: { digest } };
  }
  const colon = path.lastIndexOf(":");
  if (colon < 0 || path.indexOf("/", colon) >= 0) return { name: path };
  const tag = path.slice(colon + 1);
  if (!TAG.test(tag)) return { part: "tag", message: `${quoted(tag)} isn't a tag a registry allows.` };
  return { name: path.slice(0, colon), reference: { tag } };
}

function repair(
  pkg: Exclude<ReturnType<typeof parsePackageWords>, UsageError>,
  reference: ImageReference | undefined,
  page: number | undefined,
  reason: string,
): RepairParse {
  const target = {
    kind: "repair" as const,
    ...(reference === undefined ? {} : { reference }),
    ...(page === undefined ? {} : { page }),
  };
  return { kind: "restore", request: { ...pkg, target, reason } };
}

function invalid(part: UsageError["part"], message: string): RepairParse {
  return { kind: "invalid", error: { part, message, usage: "repair" } };
}
