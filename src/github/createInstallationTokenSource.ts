import { App } from "@octokit/app";
import type { GitHubConfig } from "../config/loadGitHubConfig.js";
import { createOctokitClass } from "./createOctokitClass.js";

/**
 * A GitHub token for an org, as the container registry takes it for a password: the classic PAT, or an installation
 * token of the App's installation on that org (created, and cached, by @octokit/auth-app).
 */
export function createInstallationTokenSource(config: GitHubConfig): (org: string) => Promise<string> {
  if (config.authMode === "token") return async () => config.token;
  const app = new App({
    appId: config.appId,
    privateKey: config.privateKey,
    Octokit: createOctokitClass(config.apiUrl, { retries: 1, attemptTimeoutMs: 5000 }),
  });
  return async (org) => {
    const { data } = await app.octokit.request("GET /orgs/{org}/installation", { org });
    const octokit = await app.getInstallationOctokit(data.id);
    const { token } = (await octokit.auth({ type: "installation" })) as { token: string };
    return token;
  };
}
