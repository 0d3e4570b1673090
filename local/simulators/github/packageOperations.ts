/** The org package endpoints: get, delete, restore, and their versions. */
import { errorReply, type Reply } from "./http.js";
import { PACKAGE_NOT_FOUND, type HandlerContext, type OperationHandler } from "./operations.js";
import { findVersion, type OrgRecord, type PackageRecord } from "./state.js";
import { packageJson, versionJson } from "./shapes.js";
import type { PackageType } from "./types.js";

const VERSION_NOT_FOUND = "Package version not found.";
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 30;

const READ = {
  required: ["read:packages"],
  message: "You need at least read:packages scope to list packages.",
} as const;
const RESTORE = {
  required: ["read:packages", "write:packages"],
  message: "You need at least write:packages and read:packages scopes to restore packages.",
} as const;
const DELETE = {
  required: ["read:packages", "delete:packages"],
  message: "You need at least delete:packages and read:packages scopes to delete packages.",
} as const;

interface Located {
  org: OrgRecord;
  record: PackageRecord;
}

/** The org and its active package named in the path, or GitHub's 404. */
function activePackage(ctx: HandlerContext): Located | Reply {
  const { org: login = "", package_type: type, package_name: name = "" } = ctx.params;
  const org = ctx.state.org(login);
  const record = org && ctx.state.findActive(org, type as PackageType, name);
  return org && record ? { org, record } : errorReply(404, PACKAGE_NOT_FOUND, ctx.docsUrl);
}

const isReply = (value: Located | Reply): value is Reply => "status" in value;

const getPackage: OperationHandler = {
  access: "package",
  patScopes: READ,
  handle: (ctx) => {
    const found = activePackage(ctx);
    return isReply(found) ? found : { status: 200, body: packageJson(ctx.baseUrl, found.org, found.record) };
  },
};

const deletePackage: OperationHandler = {
  access: "package",
  patScopes: DELETE,
  handle: (ctx) => {
    const found = activePackage(ctx);
    if (isReply(found)) return found;
    ctx.state.deletePackage(found.record);
    return { status: 204 };
  },
};

const restorePackage: OperationHandler = {
  access: "package",
  patScopes: RESTORE,
  handle: (ctx) => {
    const org = ctx.state.org(ctx.params.org ?? "");
    if (!org) return errorReply(404, PACKAGE_NOT_FOUND, ctx.docsUrl);
    const type = ctx.params.package_type as PackageType;
    const outcome = ctx.state.restorePackage(org, type, ctx.params.package_name ?? "", ctx.query.token);
    switch (outcome) {
      case "restored":
        return { status: 204 };
      case "not_found":
        return errorReply(404, PACKAGE_NOT_FOUND, ctx.docsUrl);
      case "name_in_use":
        return errorReply(
          409,
          "An active package already uses this name. Delete or rename it before restoring.",
          ctx.docsUrl,
        );
      case "token_required":
        return errorReply(
          409,
          "Several deleted packages match this name: a package token is required to pick one.",
          ctx.docsUrl,
        );
    }
  },
};

const listVersions: OperationHandler = {
  access: "package",
  patScopes: READ,
  handle: (ctx) => {
    const found = activePackage(ctx);
    if (isReply(found)) return found;
    const page = Number(ctx.query.page ?? 1);
    const requested = Number(ctx.query.per_page ?? DEFAULT_PER_PAGE);
    const invalid = [page < 1 ? "page" : undefined, requested < 1 ? "per_page" : undefined].filter(
      (f) => f !== undefined,
    );
    if (invalid.length > 0) {
      const errors = invalid.map((field) => ({
        resource: "Package",
        field,
        code: "invalid",
        message: `${field} must be at least 1`,
      }));
      return errorReply(422, "Validation Failed", ctx.docsUrl, { errors });
    }
    const perPage = Math.min(requested, MAX_PER_PAGE);
    const deleted = ctx.query.state === "deleted";
    const versions = (found.record.pkg.versions ?? [])
      .filter((v) => Boolean(v.deletedAt) === deleted)
      .sort((a, b) => b.id - a.id);
    const lastPage = Math.max(1, Math.ceil(versions.length / perPage));
    const body = versions
      .slice((page - 1) * perPage, page * perPage)
      .map((v) => versionJson(ctx.baseUrl, found.org, found.record, v));
    const link = linkHeader(ctx, page, lastPage);
    return { status: 200, body, ...(link ? { headers: { link } } : {}) };
  },
};

/** GitHub's `Link` header: prev, next, last, first, each keeping the other query parameters. */
function linkHeader(ctx: HandlerContext, page: number, lastPage: number): string | undefined {
  const to = (target: number, rel: string) => {
    const query = new URLSearchParams({ ...ctx.query, page: String(target) });
    return `<${ctx.baseUrl}${ctx.rawPath}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(to(Math.min(page - 1, lastPage), "prev"));
  if (page < lastPage) links.push(to(page + 1, "next"), to(lastPage, "last"));
  if (page > 1) links.push(to(1, "first"));
  return links.length > 0 ? links.join(", ") : undefined;
}

const getVersion: OperationHandler = {
  access: "package",
  patScopes: READ,
  handle: (ctx) => {
    const found = activePackage(ctx);
    if (isReply(found)) return found;
    const version = findVersion(found.record, Number(ctx.params.package_version_id));
    if (!version) return errorReply(404, VERSION_NOT_FOUND, ctx.docsUrl);
    return { status: 200, body: versionJson(ctx.baseUrl, found.org, found.record, version) };
  },
};

const restoreVersion: OperationHandler = {
  access: "package",
  patScopes: RESTORE,
  handle: (ctx) => {
    const found = activePackage(ctx);
    if (isReply(found)) return found;
    const restored = ctx.state.restoreVersion(found.record, Number(ctx.params.package_version_id));
    return restored ? { status: 204 } : errorReply(404, VERSION_NOT_FOUND, ctx.docsUrl);
  },
};

export const packageOperations: Readonly<Record<string, OperationHandler>> = {
  "packages/get-package-for-organization": getPackage,
  "packages/delete-package-for-org": deletePackage,
  "packages/restore-package-for-org": restorePackage,
  "packages/get-all-package-versions-for-package-owned-by-org": listVersions,
  "packages/get-package-version-for-organization": getVersion,
  "packages/restore-package-version-for-org": restoreVersion,
};
