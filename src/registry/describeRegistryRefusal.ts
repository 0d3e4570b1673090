import type { GitHubAuthMode } from "../domain/request/restoreOutcome.js";
import type { RegistryFailure } from "./registryClient.js";

type Refusal = Extract<RegistryFailure, { kind: "refused" }>;

/**
 * What an operator does about a registry refusing the bot's credential. GitHub documents classic PATs with
 * `read:packages` for the Container registry and says nothing of App installation tokens
 * (https://docs.github.com/packages/working-with-a-github-packages-registry/working-with-the-container-registry),
 * so a refused installation token points at the PAT, as for the package endpoints.
 */
export function describeRegistryRefusal(refusal: Refusal, authMode: GitHubAuthMode): string {
  const credentialRefused = refusal.status === 401 || refusal.status === 403;
  if (!credentialRefused) return `${refusal.reason} The bot could not read the image's manifests.`;
  if (authMode === "app") {
    return (
      `${refusal.reason} The registry did not let the GitHub App's installation token read the image, and GitHub doesn't document ` +
      "whether it should. An operator can set `GITHUB_TOKEN` to a classic PAT with `read:packages` (SSO-authorised if the org uses SSO) " +
      "and `GITHUB_AUTH=token`."
    );
  }
  return refusal.status === 401
    ? `${refusal.reason} The registry did not accept the classic PAT in \`GITHUB_TOKEN\`: an operator should check that it is valid and not expired, and SSO-authorised if the org uses SSO.`
    : `${refusal.reason} The classic PAT in \`GITHUB_TOKEN\` may not read this image: it needs \`read:packages\`, and its user needs read access to the package.`;
}
