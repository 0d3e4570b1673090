import type { GitHubProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";
import { describeReading, isUnavailable, UNREACHABLE_FIX } from "./describeReading.js";

const CHECK = "GitHub token";
/** Restores need both; Maven and Gradle packages (which the bot restores) live in repository-scoped registries, which need `repo` too. */
export const REQUIRED_PAT_SCOPES = ["read:packages", "write:packages", "repo"] as const;
/** An expiry this close is reported as a problem, so the token is replaced before a restore needs it. */
const EXPIRY_WARNING_MS = 7 * 86_400_000;
const NEW_TOKEN =
  "Create a classic PAT with read:packages, write:packages and repo (github.com → Settings → Developer settings), store it in GITHUB_TOKEN (SSM …/github-token) and redeploy with a new SECRETS_REVISION.";

/** Token mode: whether GitHub takes the PAT, whether it is classic, its scopes and its expiry. */
export async function checkGitHubToken(github: GitHubProbe, now: Date): Promise<CheckResult> {
  const owner = await github.tokenOwner();
  if (owner.status === 0)
    return failed(CHECK, `GitHub gave no answer: ${describeReading(owner)}.`, UNREACHABLE_FIX, "github_unavailable");
  if (isUnavailable(owner))
    return failed(
      CHECK,
      `GitHub could not answer GET /user (${describeReading(owner)}).`,
      UNREACHABLE_FIX,
      "github_unavailable",
    );
  if (owner.status === 401)
    return failed(
      CHECK,
      `GitHub refuses the token (${describeReading(owner)}): it is expired, revoked or mistyped.`,
      NEW_TOKEN,
      "bad_credentials",
    );
  if (owner.status !== 200) return failed(CHECK, `GET /user answered ${describeReading(owner)}.`, NEW_TOKEN, "refused");
  // GitHub sends X-OAuth-Scopes for classic PATs (and OAuth tokens) only.
  if (owner.scopes === undefined)
    return failed(
      CHECK,
      "GitHub lists no scopes for the token, so it is not a classic PAT (a fine-grained token cannot restore packages).",
      NEW_TOKEN,
      "not_classic_pat",
    );
  const missing = REQUIRED_PAT_SCOPES.filter((scope) => !owner.scopes?.includes(scope));
  const who = owner.login ? ` of ${owner.login}` : "";
  if (missing.length > 0)
    return failed(
      CHECK,
      `the classic PAT${who} lacks ${missing.join(", ")} (it has ${owner.scopes.join(", ") || "no scopes"}).`,
      `Edit the token on github.com (Settings → Developer settings → Personal access tokens) and tick ${missing.join(", ")}; the token's value stays the same.`,
      "missing_scopes",
    );
  const expires =
    owner.tokenExpiresAt === undefined
      ? Number.NaN
      : Date.parse(owner.tokenExpiresAt.replace(" UTC", "Z").replace(" ", "T"));
  if (!Number.isNaN(expires) && expires - now.getTime() < EXPIRY_WARNING_MS)
    return failed(CHECK, `the classic PAT${who} expires at ${owner.tokenExpiresAt}.`, NEW_TOKEN, "expires_soon");
  const expiry = owner.tokenExpiresAt ? `, expires ${owner.tokenExpiresAt}` : ", no expiry date";
  return passed(CHECK, `a classic PAT${who} with ${REQUIRED_PAT_SCOPES.join(", ")}${expiry}.`);
}
