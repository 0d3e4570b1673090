/** The GitHub App endpoints: GET /app, GET /orgs/{org}/installation, POST .../access_tokens. */
import { errorReply, type Reply } from "./http.js";
import type { HandlerContext, OperationHandler } from "./operations.js";
import { appJson, INSTALLATION_PERMISSIONS, installationJson, isoSeconds } from "./shapes.js";

/** The account that owns the simulated App. */
const APP_OWNER = { login: "package-restore-dev", id: 1 };

const getAuthenticated: OperationHandler = {
  access: "app",
  handle: (ctx) => ({
    status: 200,
    body: appJson(ctx.baseUrl, {
      appId: ctx.appId,
      createdAt: ctx.appCreatedAt,
      owner: APP_OWNER,
      installationsCount: ctx.state.installationCount(),
    }),
  }),
};

const getOrgInstallation: OperationHandler = {
  access: "app",
  handle: (ctx) => {
    const org = ctx.state.org(ctx.params.org ?? "");
    if (org?.installationId === undefined) return errorReply(404, "Not Found", ctx.docsUrl);
    return { status: 200, body: installationJson(ctx.baseUrl, ctx.appId, org) };
  },
};

const createInstallationAccessToken: OperationHandler = {
  access: "app",
  handle: (ctx) => {
    const installationId = Number(ctx.params.installation_id);
    if (!ctx.state.orgByInstallation(installationId)) return errorReply(404, "Not Found", ctx.docsUrl);
    const requested = parseTokenRequest(ctx);
    if ("status" in requested) return requested;
    const permissions = requested.permissions ?? { ...INSTALLATION_PERMISSIONS };
    const issued = ctx.tokens.issue(installationId, permissions, ctx.now);
    return {
      status: 201,
      body: {
        token: issued.token,
        expires_at: isoSeconds(issued.expiresAt),
        permissions,
        repository_selection: "all",
      },
    };
  },
};

/** The optional JSON body: `permissions` must be a subset of what the installation was granted. */
function parseTokenRequest(ctx: HandlerContext): { permissions?: Record<string, string> } | Reply {
  if (ctx.body.length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(ctx.body.toString("utf8"));
  } catch {
    return errorReply(400, "Problems parsing JSON", ctx.docsUrl);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return errorReply(400, "Problems parsing JSON", ctx.docsUrl);
  }
  const permissions = (body as { permissions?: unknown }).permissions;
  if (permissions === undefined) return {};
  if (permissions === null || typeof permissions !== "object" || !isGranted(permissions)) {
    return errorReply(422, "The permissions requested are not granted to this installation.", ctx.docsUrl);
  }
  return { permissions: { ...(permissions as Record<string, string>) } };
}

function isGranted(requested: object): boolean {
  return Object.entries(requested).every(([name, level]) => {
    const granted = INSTALLATION_PERMISSIONS[name];
    return (level === "read" && granted !== undefined) || (level === "write" && granted === "write");
  });
}

export const appOperations: Readonly<Record<string, OperationHandler>> = {
  "apps/get-authenticated": getAuthenticated,
  "apps/get-org-installation": getOrgInstallation,
  "apps/create-installation-access-token": createInstallationAccessToken,
};
