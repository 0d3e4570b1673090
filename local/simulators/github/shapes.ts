/**
 * Response bodies in the shapes of the OpenAPI description's schemas: integration (GitHub App),
 * installation, installation-token, package, package-version and simple-user.
 */
import { activeVersions, type OrgRecord, type PackageRecord } from "./state.js";
import type { SimPackageVersion } from "./types.js";

export const APP_SLUG = "package-restore";
export const INSTALLATION_PERMISSIONS: Readonly<Record<string, "read" | "write">> = {
  metadata: "read",
  packages: "write",
};

/** GitHub writes timestamps without milliseconds: 2026-11-20T10:00:00Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const nodeId = (prefix: string, id: number) => `${prefix}_kwDO${Buffer.from(String(id)).toString("base64url")}`;

export interface Account {
  login: string;
  id: number;
}

/** The spec's simple-user, for an organization account. */
export function orgAccount(baseUrl: string, org: Account): Record<string, unknown> {
  const api = `${baseUrl}/users/${encodeURIComponent(org.login)}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("O", org.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `https://github.com/${org.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: "Organization",
    user_view_type: "public",
    site_admin: false,
  };
}

export interface AppInfo {
  appId: number;
  createdAt: Date;
  owner: Account;
  installationsCount: number;
}

export function appJson(baseUrl: string, app: AppInfo): Record<string, unknown> {
  const at = isoSeconds(app.createdAt);
  return {
    id: app.appId,
    slug: APP_SLUG,
    node_id: nodeId("A", app.appId),
    client_id: `Iv23li${String(app.appId).padStart(14, "0")}`,
    owner: orgAccount(baseUrl, app.owner),
    name: "Package Restore",
    description: "Restores deleted GitHub packages from Slack.",
    external_url: "https://example.com/package-restore",
    html_url: `https://github.com/apps/${APP_SLUG}`,
    created_at: at,
    updated_at: at,
    permissions: { ...INSTALLATION_PERMISSIONS },
    events: [],
    installations_count: app.installationsCount,
  };
}

export function installationJson(baseUrl: string, appId: number, org: OrgRecord): Record<string, unknown> {
  const id = org.installationId ?? 0;
  const at = isoSeconds(org.createdAt);
  return {
    id,
    account: orgAccount(baseUrl, org),
    repository_selection: "all",
    access_tokens_url: `${baseUrl}/app/installations/${id}/access_tokens`,
    repositories_url: `${baseUrl}/installation/repositories`,
    html_url: `https://github.com/organizations/${org.login}/settings/installations/${id}`,
    app_id: appId,
    app_slug: APP_SLUG,
    client_id: `Iv23li${String(appId).padStart(14, "0")}`,
    target_id: org.id,
    target_type: "Organization",
    permissions: { ...INSTALLATION_PERMISSIONS },
    events: [],
    created_at: at,
    updated_at: at,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

export function packageApiUrl(baseUrl: string, org: OrgRecord, record: PackageRecord): string {
  const { type, name } = record.pkg;
  return `${baseUrl}/orgs/${encodeURIComponent(org.login)}/packages/${type}/${encodeURIComponent(name)}`;
}

function packageHtmlUrl(org: OrgRecord, record: PackageRecord): string {
  return `https://github.com/orgs/${org.login}/packages/${record.pkg.type}/package/${encodeURIComponent(record.pkg.name)}`;
}

export function packageJson(baseUrl: string, org: OrgRecord, record: PackageRecord): Record<string, unknown> {
  const at = isoSeconds(record.createdAt);
  return {
    id: record.id,
    name: record.pkg.name,
    package_type: record.pkg.type,
    owner: orgAccount(baseUrl, org),
    version_count: activeVersions(record).length,
    visibility: "private",
    url: packageApiUrl(baseUrl, org, record),
    created_at: at,
    updated_at: at,
    html_url: packageHtmlUrl(org, record),
  };
}

export function versionJson(
  baseUrl: string,
  org: OrgRecord,
  record: PackageRecord,
  version: SimPackageVersion,
): Record<string, unknown> {
  const at = isoSeconds(record.createdAt);
  const html = packageHtmlUrl(org, record);
  return {
    id: version.id,
    name: version.name,
    url: `${packageApiUrl(baseUrl, org, record)}/versions/${version.id}`,
    package_html_url: html,
    html_url: `${html}/${version.id}`,
    created_at: at,
    updated_at: at,
    // The spec types deleted_at as a non-nullable string: leave it out for live versions.
    ...(version.deletedAt ? { deleted_at: isoSeconds(version.deletedAt) } : {}),
    metadata: versionMetadata(record, version),
  };
}

function versionMetadata(record: PackageRecord, version: SimPackageVersion): Record<string, unknown> {
  const tags = [...(version.tags ?? [])];
  switch (record.pkg.type) {
    case "container":
      return { package_type: "container", container: { tags } };
    case "docker":
      // The spec lists a `tag` property but requires `tags`; answer what it requires.
      return { package_type: "docker", docker: { tags } };
    default:
      return { package_type: record.pkg.type };
  }
}
