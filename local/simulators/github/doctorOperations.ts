/**
 * The reads only `doctor` makes: GET /user (who a classic PAT belongs to; every PAT answer carries X-OAuth-Scopes),
 * GET /app/installations (where the App is installed) and GET /orgs/{org}/packages (whether package reads answer).
 */
import { errorReply } from "./http.js";
import type { OperationHandler } from "./operations.js";
import { installationJson, isoSeconds, orgAccount, packageJson } from "./shapes.js";
import type { PackageType } from "./types.js";

/** The user every simulated PAT belongs to. */
const PAT_OWNER = { login: "restore-bot-owner", id: 583231 };
const CREATED_AT = new Date("2024-11-25T10:00:00Z");
/** GitHub refuses a page that reaches past the 10,000th package (the operation's 400). */
const MAX_ITEMS = 10_000;

const getAuthenticatedUser: OperationHandler = {
  access: "user",
  handle: (ctx) => ({
    status: 200,
    body: {
      ...orgAccount(ctx.baseUrl, PAT_OWNER),
      type: "User",
      name: "Restore Bot Owner",
      company: null,
      blog: "",
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: isoSeconds(CREATED_AT),
      updated_at: isoSeconds(CREATED_AT),
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
    },
  }),
};

const listInstallations: OperationHandler = {
  access: "app",
  handle: (ctx) => ({
    status: 200,
    body: ctx.state.installedOrgs().map((org) => installationJson(ctx.baseUrl, ctx.appId, org)),
  }),
};

const listOrgPackages: OperationHandler = {
  access: "package",
  patScopes: { required: ["read:packages"], message: "You need at least read:packages scope to list packages." },
  handle: (ctx) => {
    const perPage = Number(ctx.query.per_page ?? 30);
    const page = Number(ctx.query.page ?? 1);
    if (perPage * page > MAX_ITEMS)
      return errorReply(400, "The value of `per_page` multiplied by `page` cannot be greater than 10000.", ctx.docsUrl);
    const org = ctx.state.org(ctx.params.org ?? "");
    // GitHub lists what the credential may see; an org the simulator doesn't hold has nothing to list.
    const active = (org?.packages ?? []).filter(
      (record) => record.pkg.type === (ctx.query.package_type as PackageType) && !record.pkg.deletedAt,
    );
    const shown = active.slice((page - 1) * perPage, page * perPage);
    return { status: 200, body: org ? shown.map((record) => packageJson(ctx.baseUrl, org, record)) : [] };
  },
};

export const doctorOperations: Readonly<Record<string, OperationHandler>> = {
  "users/get-authenticated": getAuthenticatedUser,
  "apps/list-installations": listInstallations,
  "packages/list-packages-for-organization": listOrgPackages,
};
