import type { GitHubProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";
import { describeReading, isUnavailable, UNREACHABLE_FIX } from "./describeReading.js";

const CHECK = "GitHub App";

/** App mode: whether GitHub accepts the App's JWT, i.e. GITHUB_APP_ID and the private key belong together. */
export async function checkGitHubApp(github: GitHubProbe): Promise<CheckResult> {
  const app = await github.app();
  if (app.status === 200) return passed(CHECK, `GitHub accepts the key of the App${app.slug ? ` ${app.slug}` : ""}.`);
  if (app.status === 0)
    return failed(CHECK, `GitHub gave no answer: ${describeReading(app)}.`, UNREACHABLE_FIX, "github_unavailable");
  if (isUnavailable(app))
    return failed(
      CHECK,
      `GitHub could not answer GET /app (${describeReading(app)}).`,
      UNREACHABLE_FIX,
      "github_unavailable",
    );
  return failed(
    CHECK,
    `GitHub refuses the App's token (${describeReading(app)}).`,
    "Check that GITHUB_APP_ID is the App's ID and that the private key (SSM …/github-app-private-key) is one the App's settings page lists; generate a new one there if in doubt.",
    "bad_credentials",
  );
}
