/** What every operation handler gets, and who may call which operation. */
import { JWT_MESSAGES, type Credential, type InstallationTokens } from "./auth.js";
import { errorReply, type Reply } from "./http.js";
import type { SimState } from "./state.js";
import type { AppTokenPolicy } from "./types.js";

export interface HandlerContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Buffer;
  credential: Credential;
  now: Date;
  /** The simulator's API root, playing https://api.github.com. */
  baseUrl: string;
  rawPath: string;
  /** The operation's documentation page, used as `documentation_url` in errors. */
  docsUrl: string;
  state: SimState;
  tokens: InstallationTokens;
  appId: number;
  appCreatedAt: Date;
}

export interface OperationHandler {
  /**
   * "app": needs the App JWT. "package": needs an installation token or a classic PAT. "user": a classic PAT
   * (GitHub answers installation tokens 403 on /user).
   */
  access: "app" | "package" | "user";
  /** Classic PAT scopes the operation needs, and GitHub's refusal when one is missing. */
  patScopes?: { required: readonly string[]; message: string };
  handle(ctx: HandlerContext): Reply;
}

export const PACKAGE_NOT_FOUND = "Package not found.";

const jwtMessages: readonly string[] = Object.values(JWT_MESSAGES);

/** Refuses the call (401/403/404) when the credential may not use the operation. */
export function authorize(
  handler: OperationHandler,
  ctx: HandlerContext,
  appTokenPolicy: AppTokenPolicy,
): Reply | undefined {
  const { credential, docsUrl } = ctx;
  if (handler.access === "app") {
    if (credential.kind === "jwt") return undefined;
    const message =
      credential.kind === "invalid" && jwtMessages.includes(credential.message)
        ? credential.message
        : JWT_MESSAGES.undecodable;
    return errorReply(401, message, docsUrl);
  }
  switch (credential.kind) {
    case "none":
      return errorReply(401, "Requires authentication", docsUrl);
    case "invalid":
      return errorReply(401, credential.message, docsUrl);
    case "jwt":
      // An App's JWT only opens /app endpoints; package endpoints want an installation token.
      return errorReply(401, "Bad credentials", docsUrl);
    case "installation":
      return handler.access === "user"
        ? errorReply(403, INTEGRATION_REFUSED, docsUrl)
        : authorizeInstallation(credential.installationId, ctx, appTokenPolicy);
    case "pat": {
      const org = ctx.params.org;
      if (org !== undefined && ctx.state.ssoBlocks(org, credential.token)) return ssoRequired(org, docsUrl);
      const missing = handler.patScopes?.required.filter((s) => !credential.scopes.includes(s)) ?? [];
      return missing.length > 0 ? errorReply(403, handler.patScopes?.message, docsUrl) : undefined;
    }
  }
}

const INTEGRATION_REFUSED = "Resource not accessible by integration";

/**
 * GitHub's answer to a PAT not authorised for an org that enforces SAML SSO: 403 with `X-GitHub-SSO` naming the
 * page where the token's owner authorises it (docs.github.com, "Authenticating to the REST API" → SAML SSO).
 */
function ssoRequired(org: string, docsUrl: string): Reply {
  const url = `https://github.com/orgs/${encodeURIComponent(org)}/sso?authorization_request=SIMULATED`;
  return errorReply(
    403,
    "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
    docsUrl,
    { headers: { "x-github-sso": `required; url=${url}` } },
  );
}

function authorizeInstallation(installationId: number, ctx: HandlerContext, policy: AppTokenPolicy): Reply | undefined {
  if (policy === "forbidden") return errorReply(403, INTEGRATION_REFUSED, ctx.docsUrl);
  const org = ctx.state.orgByInstallation(installationId);
  const sameOrg = org !== undefined && org.login.toLowerCase() === ctx.params.org?.toLowerCase();
  // GitHub answers 404 rather than 403 when a token may not see a package.
  return policy === "not_found" || !sameOrg ? errorReply(404, PACKAGE_NOT_FOUND, ctx.docsUrl) : undefined;
}

/** Response headers that tell a PAT caller which scopes it has and which the endpoint accepts. */
export function scopeHeaders(handler: OperationHandler, credential: Credential): Record<string, string> {
  const headers: Record<string, string> = {};
  if (handler.patScopes) headers["x-accepted-oauth-scopes"] = handler.patScopes.required.join(", ");
  if (credential.kind === "pat") headers["x-oauth-scopes"] = credential.scopes.join(", ");
  // GitHub sends a PAT's expiry on every answer, as "2026-12-14 03:00:00 UTC".
  if (credential.kind === "pat" && credential.expiresAt)
    headers["github-authentication-token-expiration"] =
      `${credential.expiresAt.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  return headers;
}
