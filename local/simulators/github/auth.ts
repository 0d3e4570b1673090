/**
 * Who is calling: App JWTs (RS256), installation tokens the simulator issued, classic PATs.
 * JWT rules follow GitHub's "Generating a JSON Web Token (JWT) for a GitHub App": RS256,
 * `iss` = App id, `iat` may be backdated for clock drift, `exp` at most 10 minutes ahead.
 * The error messages are GitHub's (the ones @octokit/auth-app recognises for clock skew).
 */
import { createHash, createPublicKey, randomBytes, verify, type KeyObject } from "node:crypto";

export const JWT_MESSAGES = {
  undecodable: "A JSON web token could not be decoded",
  expired:
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  tooFar: "'Expiration time' claim ('exp') is too far in the future",
  issuedAt: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
} as const;

/** Seconds of clock drift tolerated: `iat` may be this far ahead, `exp` this far past 10 minutes. */
const CLOCK_SKEW_S = 60;
const MAX_JWT_LIFETIME_S = 600;
const INSTALLATION_TOKEN_TTL_MS = 60 * 60 * 1000;

export type Credential =
  | { kind: "jwt" }
  | { kind: "installation"; installationId: number }
  | { kind: "pat"; scopes: string[]; token: string; expiresAt?: Date }
  | { kind: "none" }
  | { kind: "invalid"; message: string };

export interface IssuedToken {
  token: string;
  installationId: number;
  expiresAt: Date;
  permissions: Record<string, string>;
}

export interface AuthConfig {
  appId: number;
  appPublicKey: KeyObject | undefined;
  /** Replaced (never mutated) by setPatScopes. */
  pats: Readonly<Record<string, string[]>>;
  /** PATs with an expiry date (setPatExpiry): refused as Bad credentials from then on. */
  patExpiries?: Readonly<Record<string, Date>>;
}

export function toPublicKey(key: string | KeyObject | undefined): KeyObject | undefined {
  if (key === undefined) return undefined;
  return typeof key === "string" ? createPublicKey(key) : key.type === "private" ? createPublicKey(key) : key;
}

/** Installation tokens handed out by POST /app/installations/{id}/access_tokens. */
export class InstallationTokens {
  private readonly issued = new Map<string, IssuedToken>();

  issue(installationId: number, permissions: Record<string, string>, now: Date): IssuedToken {
    const token = `ghs_${randomBytes(27).toString("base64url").replace(/[-_]/g, "0")}`;
    const entry = {
      token,
      installationId,
      permissions,
      expiresAt: new Date(now.getTime() + INSTALLATION_TOKEN_TTL_MS),
    };
    this.issued.set(token, entry);
    return entry;
  }

  /** The live token, or undefined when unknown, expired or revoked. */
  find(token: string, now: Date): IssuedToken | undefined {
    const entry = this.issued.get(token);
    return entry && entry.expiresAt.getTime() > now.getTime() ? entry : undefined;
  }

  has(token: string): boolean {
    return this.issued.has(token);
  }

  expireAll(): void {
    for (const entry of this.issued.values()) entry.expiresAt = new Date(0);
  }
}

/** Classifies an `Authorization` header. Never throws. */
export function authenticate(
  header: string | undefined,
  config: AuthConfig,
  tokens: InstallationTokens,
  now: Date,
): Credential {
  if (header === undefined || header.trim() === "") return { kind: "none" };
  const match = /^(bearer|token)\s+(\S+)\s*$/i.exec(header);
  const value = match?.[2];
  if (value === undefined) return { kind: "invalid", message: "Bad credentials" };
  if (looksLikeJwt(value)) {
    const problem = checkAppJwt(value, config, now);
    return problem ? { kind: "invalid", message: problem } : { kind: "jwt" };
  }
  if (tokens.has(value)) {
    const live = tokens.find(value, now);
    return live
      ? { kind: "installation", installationId: live.installationId }
      : { kind: "invalid", message: "Bad credentials" };
  }
  const scopes = Object.hasOwn(config.pats, value) ? config.pats[value] : undefined;
  if (scopes === undefined) return { kind: "invalid", message: "Bad credentials" };
  const expiresAt = config.patExpiries?.[value];
  if (expiresAt === undefined) return { kind: "pat", scopes: [...scopes], token: value };
  // GitHub answers an expired PAT as it does any unknown token.
  if (expiresAt.getTime() <= now.getTime()) return { kind: "invalid", message: "Bad credentials" };
  return { kind: "pat", scopes: [...scopes], token: value, expiresAt };
}

function looksLikeJwt(value: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
}

/** Returns GitHub's error message when the App JWT is not acceptable, else undefined. */
export function checkAppJwt(jwt: string, config: AuthConfig, now: Date): string | undefined {
  const [headerPart = "", payloadPart = "", signaturePart = ""] = jwt.split(".");
  const header = parseJsonSegment(headerPart);
  const payload = parseJsonSegment(payloadPart);
  if (!header || !payload || header.alg !== "RS256" || !config.appPublicKey) return JWT_MESSAGES.undecodable;
  if (!rs256Verifies(`${headerPart}.${payloadPart}`, signaturePart, config.appPublicKey)) {
    return JWT_MESSAGES.undecodable;
  }
  if (String(payload.iss) !== String(config.appId)) return JWT_MESSAGES.undecodable;
  const { iat, exp } = payload;
  const nowS = Math.floor(now.getTime() / 1000);
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > nowS + CLOCK_SKEW_S) return JWT_MESSAGES.issuedAt;
  if (typeof exp !== "number" || exp <= nowS) return JWT_MESSAGES.expired;
  if (exp - iat > MAX_JWT_LIFETIME_S || exp > nowS + MAX_JWT_LIFETIME_S + CLOCK_SKEW_S) return JWT_MESSAGES.tooFar;
  return undefined;
}

function rs256Verifies(signingInput: string, signature: string, key: KeyObject): boolean {
  try {
    return verify("RSA-SHA256", Buffer.from(signingInput), key, Buffer.from(signature, "base64url"));
  } catch {
    return false; // e.g. a key of another type
  }
}

function parseJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Key used for per-credential rate-limit accounting; never the credential itself. */
export function rateLimitKey(credential: Credential, appId: number, remoteAddress: string): string {
  switch (credential.kind) {
    case "jwt":
      return `app:${appId}`;
    case "installation":
      return `installation:${credential.installationId}`;
    case "pat":
      return `pat:${createHash("sha256").update(credential.token).digest("hex").slice(0, 12)}`;
    default:
      return `ip:${remoteAddress}`;
  }
}
