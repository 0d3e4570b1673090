import { findDeletedVersion, versionLabel } from "../domain/request/findDeletedVersion.js";
import type { GitHubAnswer } from "./mapGitHubResponse.js";
import type { DeletedVersion, DeletedVersionsPage, PackageRestorer } from "../domain/ports/packageRestorer.js";
import type { GitHubAuthMode, Precheck, RestoreOutcome } from "../domain/request/restoreOutcome.js";
import type { PackageRef, ResolvedRequest } from "../domain/command/restoreRequest.js";
import type { RestoreOctokit } from "./createOctokitClass.js";
import { readGitHubError } from "./readGitHubError.js";

/** GitHub answers 404 to App installation tokens on package endpoints, so for them a 404 tells nothing. */
const APP_NOT_FOUND =
  "GitHub answered “not found”, which it also answers when it refuses GitHub App tokens on package endpoints";

type PackageVersion = Awaited<
  ReturnType<RestoreOctokit["rest"]["packages"]["getAllPackageVersionsForPackageOwnedByOrg"]>
>["data"][number];

/** One page of deleted (or active) versions (GET …/versions?state=deleted), newest first as GitHub lists them. */
export async function listDeletedVersions(
  client: RestoreOctokit,
  pkg: PackageRef,
  page: { page: number; perPage: number },
  state: "deleted" | "active" = "deleted",
): Promise<DeletedVersionsPage> {
  try {
    const response = await client.rest.packages.getAllPackageVersionsForPackageOwnedByOrg({
      org: pkg.org,
      package_type: pkg.packageType,
      package_name: pkg.packageName,
      state,
      page: page.page,
      per_page: page.perPage,
    });
    const links = parseLinks(response.headers.link);
    const lastPage = links.last ?? (links.next === undefined ? page.page : undefined);
    return {
      kind: "versions",
      versions: response.data.map(toDeletedVersion),
      hasMore: links.next !== undefined,
      ...(lastPage !== undefined ? { lastPage } : {}),
    };
  } catch (error) {
    const answer = readGitHubError(error);
    // GitHub lists versions only of a package that exists: a 404 is the package itself deleted, or missing.
    return answer.status === 404 && !answer.noAnswer
      ? { kind: "package_deleted" }
      : { kind: "unknown", reason: answerReason(answer) };
  }
}

/** The pre-check behind the PackageRestorer port: look, never change, never throw. */
export async function precheckWith(
  client: RestoreOctokit,
  request: ResolvedRequest,
  authMode: GitHubAuthMode,
  github: Pick<PackageRestorer, "deletedVersions">,
): Promise<Precheck> {
  const { target } = request;
  if (target.kind === "package") {
    try {
      await client.rest.packages.getPackageForOrganization({
        org: request.org,
        package_type: request.packageType,
        package_name: request.packageName,
      });
      return { kind: "package_active" };
    } catch (error) {
      const answer = readGitHubError(error);
      if (answer.status !== 404 || answer.noAnswer) return { kind: "unknown", detail: answerReason(answer) };
      return authMode === "token" ? { kind: "restorable" } : { kind: "unknown", detail: APP_NOT_FOUND };
    }
  }
  const lookup = await findDeletedVersion(github, request, (version) => version.id === target.versionId);
  switch (lookup.kind) {
    case "found":
      return {
        kind: "restorable",
        versionLabel: versionLabel(lookup.version, request.packageType),
        ...(lookup.version.deletedAt ? { deletedAt: lookup.version.deletedAt } : {}),
      };
    case "not_found":
      return { kind: "version_not_deleted" };
    case "package_deleted":
      return authMode === "token" ? { kind: "package_deleted" } : { kind: "unknown", detail: APP_NOT_FOUND };
    case "unknown":
      return { kind: "unknown", detail: lookup.reason };
  }
}

/** Why GitHub couldn't be asked, when the client itself couldn't be had (App not installed, bad credentials). */
export function outcomeReason(outcome: RestoreOutcome, org: string): string {
  if (outcome.kind === "app_not_installed") return `the bot's GitHub App is not installed on ${org}`;
  return outcome.status === undefined
    ? "GitHub did not answer"
    : `GitHub answered ${outcome.status}${outcome.githubMessage ? `: ${outcome.githubMessage}` : ""}`;
}

function answerReason(answer: GitHubAnswer): string {
  if (answer.noAnswer) return "GitHub did not answer in time or could not be reached";
  return `GitHub answered ${answer.status}${answer.message ? `: ${answer.message}` : ""}`;
}

function toDeletedVersion(item: PackageVersion): DeletedVersion {
  // The spec names the docker property `tag` but requires `tags`; read either.
  const docker = item.metadata?.docker as { tag?: string[]; tags?: string[] } | undefined;
  const tags = item.metadata?.container?.tags ?? docker?.tags ?? docker?.tag ?? [];
  return {
    id: item.id,
    name: item.name,
    tags: tags.filter((tag) => typeof tag === "string"),
    ...(item.deleted_at ? { deletedAt: item.deleted_at } : {}),
  };
}

/** The page numbers of GitHub's `Link` header: `<…?page=2…>; rel="next", <…?page=5…>; rel="last"`. */
export function parseLinks(header: string | undefined): { next?: number; last?: number } {
  const links: { next?: number; last?: number } = {};
  for (const part of (header ?? "").split(",")) {
    const match = /<([^>]*)>\s*;\s*rel="(next|last)"/.exec(part);
    if (!match?.[1] || !match[2]) continue;
    const page = Number(new URL(match[1], "https://api.github.com").searchParams.get("page"));
    if (Number.isInteger(page) && page > 0) links[match[2] as "next" | "last"] = page;
  }
  return links;
}
