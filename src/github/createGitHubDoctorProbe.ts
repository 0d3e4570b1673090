import { App } from "@octokit/app";
import { RequestError } from "@octokit/request-error";
import type { GitHubConfig } from "../config/loadGitHubConfig.js";
import type { GitHubProbe, GitHubReading } from "../domain/ports/doctorProbes.js";
import { createOctokitClass, type OctokitTuning, type RestoreOctokit } from "./createOctokitClass.js";

/** One quick retry: a doctor that waits 14 s for a flaky GitHub helps nobody. */
const DOCTOR_TUNING: OctokitTuning = { retries: 1, attemptTimeoutMs: 5000 };

type Headers = Record<string, string | number | undefined>;

/** The GitHub reads `doctor` makes, with the configured credential. Create one per doctor run. */
export function createGitHubDoctorProbe(config: GitHubConfig, tuning: OctokitTuning = DOCTOR_TUNING): GitHubProbe {
  const Octokit = createOctokitClass(config.apiUrl, { ...DOCTOR_TUNING, ...tuning });
  const pat = config.authMode === "token" ? new Octokit({ auth: config.token }) : undefined;
  const app =
    config.authMode === "app" ? new App({ appId: config.appId, privateKey: config.privateKey, Octokit }) : undefined;
  const installationIds = new Map<string, number>();

  const appOctokit = () => {
    if (app === undefined) throw new Error("The App's reads were asked for in token mode.");
    return app.octokit as unknown as RestoreOctokit;
  };
  const packageClient = async (org: string): Promise<RestoreOctokit | GitHubReading> => {
    if (pat) return pat;
    let id = installationIds.get(org);
    if (id === undefined) {
      const found = await read(() => appOctokit().request("GET /orgs/{org}/installation", { org }));
      if (found.reading.status !== 200 || found.data === undefined) return found.reading;
      id = (found.data as { id: number }).id;
      installationIds.set(org, id);
    }
    return (await app?.getInstallationOctokit(id)) as RestoreOctokit;
  };

  return {
    authMode: config.authMode,
    async tokenOwner() {
      if (pat === undefined) throw new Error("The PAT's reads were asked for in App mode.");
      const { reading, data } = await read(() => pat.request("GET /user"));
      const login = (data as { login?: unknown } | undefined)?.login;
      return typeof login === "string" ? { ...reading, login } : reading;
    },
    async app() {
      const { reading, data } = await read(() => appOctokit().request("GET /app"));
      const slug = (data as { slug?: unknown } | undefined)?.slug;
      return typeof slug === "string" ? { ...reading, slug } : reading;
    },
    async installations() {
      const { reading, data } = await read(() => appOctokit().request("GET /app/installations", { per_page: 100 }));
      if (!Array.isArray(data)) return reading;
      const accounts = data
        .map((installation: { account?: { login?: unknown } | null }) => installation.account?.login)
        .filter((login): login is string => typeof login === "string");
      return { ...reading, accounts };
    },
    async installation(org) {
      const { reading, data } = await read(() => appOctokit().request("GET /orgs/{org}/installation", { org }));
      const installation = data as { id?: number; permissions?: Record<string, string>; suspended_at?: unknown };
      if (reading.status !== 200 || installation === undefined) return reading;
      if (typeof installation.id === "number") installationIds.set(org, installation.id);
      return {
        ...reading,
        permissions: { ...installation.permissions },
        suspended: installation.suspended_at !== null && installation.suspended_at !== undefined,
      };
    },
    async containerPackages(org) {
      const client = await packageClient(org);
      if ("status" in client) return client;
      const { reading, data } = await read(() =>
        client.request("GET /orgs/{org}/packages", { org, package_type: "container", per_page: 100 }),
      );
      if (!Array.isArray(data)) return reading;
      return { ...reading, names: data.map((pkg: { name: string }) => pkg.name) };
    },
  };
}

/** A request's answer, refusals included, as a reading; a network failure or timeout is status 0. */
async function read(
  request: () => Promise<{ status: number; headers: Headers; data: unknown }>,
): Promise<{ reading: GitHubReading; data?: unknown }> {
  try {
    const response = await request();
    return { reading: readingOf(response.status, response.headers), data: response.data };
  } catch (error) {
    if (error instanceof RequestError && error.response !== undefined) {
      const message = (error.response.data as { message?: unknown } | undefined)?.message;
      const reading = readingOf(error.status, error.response.headers as Headers);
      return { reading: typeof message === "string" ? { ...reading, message } : reading };
    }
    const reason = error instanceof Error ? error.name : "unknown error";
    return { reading: { status: 0, message: `GitHub could not be reached (${reason})` } };
  }
}

function readingOf(status: number, headers: Headers): GitHubReading {
  const reading: GitHubReading = { status };
  const scopes = headers["x-oauth-scopes"];
  if (typeof scopes === "string")
    reading.scopes = scopes
      .split(",")
      .map((scope) => scope.trim())
      .filter((scope) => scope !== "");
  const sso = headers["x-github-sso"];
  if (typeof sso === "string") reading.sso = sso;
  const expires = headers["github-authentication-token-expiration"];
  if (typeof expires === "string") reading.tokenExpiresAt = expires;
  return reading;
}
