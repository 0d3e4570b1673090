/**
 * What the doctor reads from each platform, as plain facts: the checks in src/domain/doctor/ decide what they mean.
 * Every probe only reads. The worker and `npm run doctor` build them from the same configuration
 * (src/doctor/createDoctorProbes.ts), so both run the same checks.
 */

/** One answer from GitHub: its status (0 when nothing answered), its message, and the headers the checks read. */
export interface GitHubReading {
  status: number;
  /** GitHub's `message`, or why nothing answered. */
  message?: string;
  /** `X-OAuth-Scopes`, when GitHub sent it (classic PATs only). */
  scopes?: readonly string[];
  /** `X-GitHub-SSO`, e.g. `required; url=https://github.com/orgs/acme/sso?authorization_request=…`. */
  sso?: string;
  /** `GitHub-Authentication-Token-Expiration`, for a PAT with an expiry date. */
  tokenExpiresAt?: string;
}

export interface GitHubProbe {
  readonly authMode: "app" | "token";
  /** Token mode: `GET /user` with the PAT. */
  tokenOwner(): Promise<GitHubReading & { login?: string }>;
  /** App mode: `GET /app` with the App's JWT. */
  app(): Promise<GitHubReading & { slug?: string }>;
  /** App mode: `GET /app/installations`: the accounts the App is installed on. */
  installations(): Promise<GitHubReading & { accounts?: string[] }>;
  /** App mode: `GET /orgs/{org}/installation`: the permissions granted there. */
  installation(org: string): Promise<GitHubReading & { permissions?: Record<string, string>; suspended?: boolean }>;
  /** `GET /orgs/{org}/packages?package_type=container` with the credential restores use (App mode: an installation token). */
  containerPackages(org: string): Promise<GitHubReading & { names?: string[] }>;
}

export type RegistryReading =
  | { kind: "answered"; detail: string }
  | { kind: "refused"; status: number; reason: string }
  | { kind: "unavailable"; reason: string }
  | { kind: "not_configured"; reason: string };

export interface RegistryProbe {
  /** Asks the container registry for `<org>/<package>`'s `latest` manifest with the GitHub credential. */
  reach(org: string, packageName: string | undefined): Promise<RegistryReading>;
}

/** A Slack Web API answer: ok with its facts, or Slack's error code (and the scope it needed, for missing_scope). */
export type SlackReading<T> = ({ ok: true } & T) | { ok: false; error: string; needed?: string };

export interface SlackProbe {
  /** `auth.test`: whether the token works, and its scopes from `x-oauth-scopes`. */
  authTest(): Promise<SlackReading<{ scopes?: readonly string[] }>>;
  /** `conversations.info`. */
  channel(id: string): Promise<SlackReading<{ isMember: boolean; isPrivate: boolean; name?: string }>>;
  /** `usergroups.users.list`. */
  userGroup(id: string): Promise<SlackReading<{ members: number }>>;
}

export interface KeyElement {
  attribute: string;
  keyType: string;
}

export interface TableShape {
  status?: string;
  keys: KeyElement[];
  indexes: Array<{ name: string; keys: KeyElement[] }>;
  ttl: { status?: string; attribute?: string };
}

export type HealthComponent = "worker" | "sweep";

export interface StoreProbe {
  readonly tableName: string;
  /** DescribeTable and DescribeTimeToLive. */
  describeTable(): Promise<{ ok: true; shape: TableShape } | { ok: false; error: string }>;
  /** When the component last recorded a successful run (see HealthRecords). */
  lastSuccess(component: HealthComponent): Promise<{ ok: true; at?: string } | { ok: false; error: string }>;
}

export interface DoctorProbes {
  github: GitHubProbe;
  registry: RegistryProbe;
  slack: SlackProbe;
  store: StoreProbe;
}
