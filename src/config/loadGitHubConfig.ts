import { createPrivateKey } from "node:crypto";
import { ConfigError } from "../errors.js";
import type { GitHubAuthMode } from "../domain/request/restoreOutcome.js";
import { optionalVar, urlVar, type Env } from "./readEnv.js";

/** GitHub.com's REST API; GitHub Enterprise Server uses `https://HOST/api/v3`, GHE.com `https://api.SUBDOMAIN.ghe.com`. */
export const DEFAULT_GITHUB_API_URL = "https://api.github.com";

interface GitHubEndpoints {
  /** REST API root, no trailing slash. Token creation goes here too. */
  apiUrl: string;
  /** Web root for links to package pages, derived from apiUrl. */
  webUrl: string;
}

export type GitHubConfig = GitHubEndpoints &
  ({ authMode: "app"; appId: string; privateKey: string } | { authMode: "token"; token: string });

const CREDENTIAL_HINT =
  "Set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY for the GitHub App, or GITHUB_TOKEN for a classic personal access token.";

/**
 * `GITHUB_AUTH` picks the credential when both are set; unset means the App,
 * or the token when only `GITHUB_TOKEN` is set.
 */
export function loadGitHubConfig(env: Env): GitHubConfig {
  const apiUrl = urlVar(env, "GITHUB_API_URL", DEFAULT_GITHUB_API_URL);
  const endpoints = { apiUrl, webUrl: webUrlFor(apiUrl) };
  const appId = optionalVar(env, "GITHUB_APP_ID");
  const privateKey = optionalVar(env, "GITHUB_APP_PRIVATE_KEY");
  const token = optionalVar(env, "GITHUB_TOKEN");
  const requested = optionalVar(env, "GITHUB_AUTH")?.toLowerCase();
  if (requested !== undefined && requested !== "app" && requested !== "token") {
    throw new ConfigError("GITHUB_AUTH", "use `app` or `token`.");
  }
  const mode: GitHubAuthMode =
    requested ?? (appId === undefined && privateKey === undefined && token !== undefined ? "token" : "app");

  if (mode === "token") {
    if (token === undefined)
      throw new ConfigError("GITHUB_TOKEN", `it is not set but GITHUB_AUTH is \`token\`. ${CREDENTIAL_HINT}`);
    if (token.startsWith("github_pat_")) {
      throw new ConfigError(
        "GITHUB_TOKEN",
        "it holds a fine-grained token, and GitHub does not support those for package restores: use a classic PAT.",
      );
    }
    return { ...endpoints, authMode: "token", token };
  }
  if (appId === undefined) throw new ConfigError("GITHUB_APP_ID", `it is not set. ${CREDENTIAL_HINT}`);
  if (!/^\d+$/.test(appId) && !/^Iv[0-9A-Za-z.]+$/.test(appId)) {
    throw new ConfigError(
      "GITHUB_APP_ID",
      "use the App's numeric ID or its client ID (Iv…), from the App's settings page.",
    );
  }
  if (privateKey === undefined) throw new ConfigError("GITHUB_APP_PRIVATE_KEY", `it is not set. ${CREDENTIAL_HINT}`);
  return { ...endpoints, authMode: "app", appId, privateKey: readPrivateKey(privateKey) };
}

/** Accepts the PEM as downloaded, or with newlines written as `\n` (as env files and CI secrets often hold it). */
function readPrivateKey(value: string): string {
  const pem = value.includes("\\n") ? value.replace(/\\n/g, "\n") : value;
  try {
    createPrivateKey(pem);
  } catch {
    throw new ConfigError(
      "GITHUB_APP_PRIVATE_KEY",
      "it is not a PEM private key; paste the whole .pem file the App's settings page gave you.",
    );
  }
  return pem;
}

/**
 * The web host that goes with the API: github.com for api.github.com; SUBDOMAIN.ghe.com for GitHub Enterprise Cloud
 * with data residency, whose API is api.SUBDOMAIN.ghe.com (docs.github.com, "About GitHub Enterprise Cloud with data
 * residency"); HOST for GitHub Enterprise Server's HOST/api/v3.
 */
function webUrlFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  const dataResidency = /^api\.([a-z0-9-]+\.ghe\.com)$/.exec(url.hostname);
  if (dataResidency) return `${url.protocol}//${dataResidency[1]}`;
  return `${url.origin}${url.pathname.replace(/\/api\/v3\/?$/, "")}`.replace(/\/+$/, "");
}
