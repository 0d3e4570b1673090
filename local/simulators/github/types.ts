/** Public types of the GitHub REST API simulator (re-exported by startGitHubSimulator.ts). */
import type { KeyObject } from "node:crypto";

export type PackageType = "npm" | "maven" | "rubygems" | "docker" | "nuget" | "container";

/** One version of a package; `deletedAt` set means the version is deleted. */
export interface SimPackageVersion {
  id: number;
  name: string;
  /** Container tags, answered as `metadata.container.tags` (or `metadata.docker.tags`). */
  tags?: string[];
  deletedAt?: Date;
}

/** A package owned by an org; `deletedAt` unset means the package is active. */
export interface SimPackage {
  type: PackageType;
  name: string;
  deletedAt?: Date;
  /** GitHub's "package token": picks one deleted package when several share a name. */
  token?: string;
  versions?: SimPackageVersion[];
}

export type AuthKind = "jwt" | "installation" | "pat" | "none" | "invalid";

/** One request the simulator answered. Holds no credential and no request body. */
export interface GitHubCall {
  method: string;
  /** The path exactly as received on the wire, e.g. `/orgs/acme/packages/container/team%2Fapp/restore`. */
  rawPath: string;
  /** The OpenAPI `operationId`, or null when no route matched. */
  operationId: string | null;
  /** Decoded path parameters. */
  params: Record<string, string>;
  query: Record<string, string>;
  auth: AuthKind;
  /** The HTTP status the simulator answered. */
  status: number;
  /** The `x-github-request-id` header of the answer (correlates a response with its call). */
  requestId: string;
}

/** A canned failure: answered with GitHub's error body shape `{message, documentation_url, status}`. */
export interface GitHubFault {
  status: number;
  message?: string;
  /** Extra response headers, e.g. `{"retry-after": "30"}` or `{"x-ratelimit-remaining": "0"}`. */
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /**
   * Carry the operation out first, then answer the fault instead of its answer: GitHub acted but
   * a gateway answered 502, or (with `delayMs` past the client's timeout) answered too late.
   */
  acts?: boolean;
}

export type AppTokenPolicy = "allowed" | "not_found" | "forbidden";

export interface GitHubSimulatorOptions {
  /** The App's id; JWTs must carry it as `iss` (number or string). Default 1234. */
  appId?: number;
  /** PEM or KeyObject that verifies App JWTs (RS256). Without it every JWT is refused. */
  appPublicKey?: string | KeyObject;
  /** Classic PAT value -> its scopes, e.g. `{"ghp_abc": ["read:packages", "write:packages"]}`. */
  pats?: Record<string, string[]>;
  /**
   * How package endpoints treat installation tokens. Default "allowed". "not_found" mimics
   * what GitHub does today (404 Package not found); "forbidden" answers 403
   * "Resource not accessible by integration".
   */
  appTokensOnPackages?: AppTokenPolicy;
  /** Clock; default the real clock. Drives JWT checks, token expiry, the 30-day window and `Date`. */
  now?: () => Date;
}

export interface GitHubSimulator {
  /** API root without trailing slash, e.g. http://127.0.0.1:54321 (plays https://api.github.com). */
  url: string;
  calls: GitHubCall[];
  /** `installationId` unset: the App is not installed on the org (GET /orgs/{org}/installation -> 404). */
  addOrg(login: string, opts?: { installationId?: number }): void;
  addPackage(org: string, pkg: SimPackage): void;
  /**
   * The org enforces SAML single sign-on: a classic PAT not listed gets 403 with `X-GitHub-SSO: required; url=…` on
   * the org's endpoints, as GitHub answers a PAT its owner hasn't authorised for the org.
   */
  requireSso(org: string, authorizedPats: readonly string[]): void;
  /** Adds a classic PAT, or changes its scopes (as its owner would on github.com; the value stays the same). */
  setPatScopes(pat: string, scopes: readonly string[]): void;
  /** The PAT expires at `at` (GitHub-Authentication-Token-Expiration on its answers, 401 from then on); undefined: never. */
  setPatExpiry(pat: string, at: Date | undefined): void;
  /** The PAT expires or is revoked: GitHub answers it 401 Bad credentials from now on, as for any unknown token. */
  revokePat(pat: string): void;
  /** Current state (copies); restores make packages active. */
  packages(org: string): SimPackage[];
  /** The next `times` (default 1) authenticated calls to `operationId` answer `fault`. */
  failNext(operationId: string, fault: GitHubFault, times?: number): void;
  appTokensOnPackages: AppTokenPolicy;
  /** Every installation token issued so far becomes invalid (401 Bad credentials). */
  expireInstallationTokens(): void;
  /** Calls to restore-package-for-org and restore-package-version-for-org. */
  restoreCalls(): GitHubCall[];
  /** Clears calls and faults; keeps orgs, packages and issued tokens. */
  reset(): void;
  close(): Promise<void>;
}
