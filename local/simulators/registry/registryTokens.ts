/**
 * The simulator's token service, after https://distribution.github.io/distribution/spec/auth/token/: GET
 * /token?service=…&scope=repository:<name>:pull with Basic credentials (the GitHub token as password). As the
 * spec asks, a credential without access still gets a token, with the access it has (none); the registry then
 * answers 403 DENIED, which is what ghcr.io is reported to answer ("denied: denied"). A credential that isn't one
 * gets 401.
 */
import { randomBytes } from "node:crypto";
import { errorReply, jsonReply, type Reply } from "./registryReplies.js";

export type Grant = "pull" | "denied";

interface Issued {
  grants: Map<string, Grant>;
  expiresAt: number;
}

export interface TokenPolicy {
  service: () => string;
  knownCredential: (token: string) => boolean;
  mayPull: (token: string, name: string) => boolean;
  refuseInstallationTokens: () => boolean;
  lifetimeSeconds: number;
  tokenField: "token" | "access_token" | "both";
  now: () => Date;
}

const SCOPE = /^repository:([^:]+):([a-z,*]+)$/;

export class RegistryTokens {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly policy: TokenPolicy) {}

  /** Answers a token request. Never echoes the credential. */
  answer(authorization: string | undefined, query: URLSearchParams): Reply {
    const password = basicPassword(authorization);
    if (password === null) return errorReply(401, "UNAUTHORIZED", "authentication required");
    if (password !== undefined && !this.policy.knownCredential(password))
      return errorReply(401, "UNAUTHORIZED", "authentication required");
    if (query.get("service") !== this.policy.service()) return errorReply(400, "UNSUPPORTED", "unknown service");
    const grants = new Map<string, Grant>();
    for (const scope of query.getAll("scope")) {
      const match = SCOPE.exec(scope);
      if (!match?.[1] || !match[2]?.split(",").includes("pull")) continue;
      grants.set(match[1], password !== undefined && this.allows(password, match[1]) ? "pull" : "denied");
    }
    const token = `sim-registry-${randomBytes(18).toString("base64url")}`;
    const now = this.policy.now();
    this.issued.set(token, { grants, expiresAt: now.getTime() + this.policy.lifetimeSeconds * 1000 });
    const field = this.policy.tokenField;
    return jsonReply(200, {
      ...(field !== "access_token" ? { token } : {}),
      ...(field !== "token" ? { access_token: token } : {}),
      expires_in: this.policy.lifetimeSeconds,
      issued_at: now.toISOString(),
    });
  }

  /** Whether a Bearer header is a live token of ours, and what it may do on `name`. */
  check(authorization: string | undefined, name: string | undefined): { live: boolean; grant?: Grant } {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
    const issued = token === undefined ? undefined : this.issued.get(token);
    if (!issued || issued.expiresAt <= this.policy.now().getTime()) return { live: false };
    const grant = name === undefined ? undefined : issued.grants.get(name);
    return grant ? { live: true, grant } : { live: true };
  }

  expireAll(): void {
    for (const issued of this.issued.values()) issued.expiresAt = 0;
  }

  private allows(password: string, name: string): boolean {
    if (this.policy.refuseInstallationTokens() && password.startsWith("ghs_")) return false;
    return this.policy.mayPull(password, name);
  }
}

/** The Basic password; undefined for no credentials (anonymous), null for a header that isn't Basic user:password. */
function basicPassword(header: string | undefined): string | undefined | null {
  if (header === undefined || header.trim() === "") return undefined;
  const encoded = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim())?.[1];
  if (encoded === undefined) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 || colon === decoded.length - 1 ? null : decoded.slice(colon + 1);
}
