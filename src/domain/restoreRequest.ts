import type { PackageType } from "./packageTypes.js";

/**
 * What is to be restored. Today a whole package; the version variant is the
 * shape single-version restores will take, so callers already switch on `kind`.
 */
export type RestoreTarget = { kind: "package" } | { kind: "version"; versionId: number };

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

/**
 * One line that names the package, e.g. container package `team/app` in acme.
 * The name is in backticks so Slack shows it as code, never formatted (names
 * can't contain backticks). Escape before showing in Slack.
 */
export function describeTarget(request: Pick<RestoreRequest, "org" | "packageType" | "packageName">): string {
  return `${request.packageType} package \`${request.packageName}\` in ${request.org}`;
}
