import type { PackageType } from "./packageTypes.js";

/** The tag (or index digest) of a multi-platform image whose deleted children a repair restores. */
export type ImageReference = { tag: string } | { digest: string };

/**
 * A repair of a container image: every deleted child of the tag's index (or, without a reference, of every broken
 * tag among the most recent tagged versions, page `page`) restored in one request.
 */
export interface RepairTarget {
  kind: "repair";
  reference?: ImageReference;
  page?: number;
}

/** A version named the way people know it; the worker looks it up among the package's deleted versions. */
export type VersionSelector = { by: "name"; name: string } | { by: "tag"; tag: string };

/**
 * What is to be restored: a whole package, or one version by GitHub's numeric ID
 * (`label` is its name or tags, for people). `version_lookup` is a version asked
 * for by tag or name that the worker has not looked up yet: it is never restored
 * as such, only turned into a `version` or refused.
 */
export type RestoreTarget =
  | { kind: "package" }
  | RepairTarget
  | { kind: "version"; versionId: number; label?: string }
  | { kind: "version_lookup"; selector: VersionSelector };

/** What GitHub is asked to restore in one call; a repair restores its children as versions, one by one. */
export type ResolvedTarget = Exclude<RestoreTarget, { kind: "version_lookup" | "repair" }>;

/** A restore someone asked for, as parsed from their command: no Slack or GitHub types. */
export interface RestoreRequest {
  org: string;
  packageType: PackageType;
  packageName: string;
  target: RestoreTarget;
  /** GitHub's "package token": picks one of several deleted packages with the same name. */
  packageToken?: string;
  reason: string;
  /** What the parser changed about the input, to say back to the user (e.g. "gradle" read as "maven"). */
  notes: string[];
}

/** A request whose version, if any, is known by ID: the only kind GitHub is asked to restore. */
export type ResolvedRequest = RestoreRequest & { target: ResolvedTarget };

/** The package a request or listing is about. */
export type PackageRef = Pick<RestoreRequest, "org" | "packageType" | "packageName">;

export function isResolved(request: RestoreRequest): request is ResolvedRequest {
  return request.target.kind === "package" || request.target.kind === "version";
}

export function isRepair(request: RestoreRequest): request is RestoreRequest & { target: RepairTarget } {
  return request.target.kind === "repair";
}

/**
 * One line that names what is restored, e.g. container package `team/app` in acme,
 * or version `1.4.2` (ID 123) of npm package `left-pad` in acme. Names are in
 * backticks so Slack shows them as code, never formatted (names can't contain
 * backticks). Escape before showing in Slack.
 */
export function describeTarget(request: PackageRef & Pick<RestoreRequest, "target">): string {
  const pkg = describePackage(request);
  const { target } = request;
  if (target.kind === "repair") return `${describeRepair(target)} of ${pkg}`;
  return target.kind === "package" ? pkg : `${describeVersion(target)} of ${pkg}`;
}

/** The repair part alone, after "the": deleted platforms of tag `1.4`, of every broken tag. */
export function describeRepair(target: RepairTarget): string {
  const { reference } = target;
  if (reference === undefined) return "deleted platforms of every broken tag";
  return "tag" in reference
    ? `deleted platforms of tag \`${reference.tag}\``
    : `deleted platforms of index \`${reference.digest.slice(0, 19)}\``;
}

export function describePackage(request: PackageRef): string {
  return `${request.packageType} package \`${request.packageName}\` in ${request.org}`;
}

/** The version part alone: version `1.4.2` (ID 123), version ID 123, version with tag `v1`, or the repair part. */
export function describeVersion(target: Exclude<RestoreTarget, { kind: "package" }>): string {
  if (target.kind === "repair") return describeRepair(target);
  if (target.kind === "version")
    return target.label ? `version \`${target.label}\` (ID ${target.versionId})` : `version ID ${target.versionId}`;
  return target.selector.by === "tag"
    ? `version with tag \`${target.selector.tag}\``
    : `version \`${target.selector.name}\``;
}

/** The command text that asks for this restore again, e.g. for a button or a suggestion. */
export function commandFor(pkg: PackageRef, versionId?: number): string {
  return `${pkg.org} ${pkg.packageType} ${pkg.packageName}${versionId === undefined ? "" : ` version=${versionId}`}`;
}
