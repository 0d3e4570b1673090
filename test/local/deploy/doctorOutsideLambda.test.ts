// `npm run doctor`'s path: the worker's environment with its secrets behind *_PARAM names, checked from outside the
// worker against the same simulators and dynalite the local stack runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doctorOutsideLambda } from "../../../local/deploy/doctorOutsideLambda.js";
import { tableNameFromInfo } from "../../../local/deploy/stageDoctor.js";
import { LOCAL_AUDIT_CHANNEL, LOCAL_BOT_TOKEN, LOCAL_PAT, LOCAL_USERS } from "../../../local/localIdentities.js";
import { LOCAL_AWS_ENV } from "../../../local/simulators/dynamo/startLocalDynamo.js";
import { startTestStack, type TestStack } from "../../support/startTestStack.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ AUDIT_CHANNEL_ID: LOCAL_AUDIT_CHANNEL });
});
afterAll(async () => stack.close());

const PARAMETERS: Record<string, string> = {
  "/package-restore/test/slack-bot-token": LOCAL_BOT_TOKEN,
  "/package-restore/test/github-token": LOCAL_PAT,
};
const fetchParameter = async (name: string) => {
  const value = PARAMETERS[name];
  if (value === undefined) throw new Error("ParameterNotFound");
  return value;
};

/** The worker's environment as serverless.yml sets it, pointed at the local stack. */
function workerEnvironment(): Record<string, string> {
  return {
    SLACK_BOT_TOKEN_PARAM: "/package-restore/test/slack-bot-token",
    SLACK_API_URL: stack.slack.apiUrl,
    GITHUB_AUTH: "token",
    GITHUB_TOKEN_PARAM: "/package-restore/test/github-token",
    GITHUB_API_URL: stack.github.url,
    GITHUB_CONTAINER_REGISTRY_URL: stack.registry!.url,
    RESTORE_ORGS: "acme",
    RESTORE_APPROVERS: LOCAL_USERS.approvers.join(","),
    AUDIT_CHANNEL_ID: LOCAL_AUDIT_CHANNEL,
    TABLE_NAME: stack.dynamo!.tableName,
    DYNAMODB_ENDPOINT: stack.dynamo!.endpoint,
    ...LOCAL_AWS_ENV,
  };
}

describe("the doctor outside the worker", () => {
  it("says no worker run is recorded until a job has finished, then gives a clean bill", async () => {
    await stack.worker.runSweep();
    const before = await doctorOutsideLambda(workerEnvironment(), fetchParameter);
    expect(before.ok).toBe(false);
    expect(before.results.filter((result) => !result.ok).map((result) => result.check)).toEqual([
      "Worker's last success",
    ]);

    await stack.command("history");
    const after = await doctorOutsideLambda(workerEnvironment(), fetchParameter);
    expect(after.report.split("\n")[0]).toMatch(/^All \d+ checks pass\.$/);
    expect(after.report).toMatch(/✓ Worker's last success: \d{4}-\d\d-\d\dT/);
    expect(after.report).toContain("✓ GitHub token: a classic PAT");
  });

  it("answers a setting the worker would refuse with a ✗ naming it, never a stack trace", async () => {
    PARAMETERS["/package-restore/test/github-token"] = "github_pat_11FINEGRAINED";
    try {
      const answer = await doctorOutsideLambda(workerEnvironment(), fetchParameter);
      expect(answer.ok).toBe(false);
      expect(answer.report).toMatch(
        /^✗ Configuration: the worker could not start with these settings: Configuration error in GITHUB_TOKEN: .*fine-grained/m,
      );
      expect(answer.report).not.toContain("github_pat_11FINEGRAINED");
    } finally {
      PARAMETERS["/package-restore/test/github-token"] = LOCAL_PAT;
    }
  });
});

describe("tableNameFromInfo", () => {
  it("reads the TableName output of osls info --verbose", () => {
    const info = [
      "service: package-restore",
      "stage: prod",
      "Stack Outputs:",
      "  SlackRequestUrl: https://abc.execute-api.eu-west-1.amazonaws.com/slack/events",
      "  TableName: package-restore-prod-RequestsTable-1ABC2DEF",
      "  ParameterPath: /package-restore/prod",
    ].join("\n");
    expect(tableNameFromInfo(info)).toBe("package-restore-prod-RequestsTable-1ABC2DEF");
    expect(tableNameFromInfo("Stack Outputs:\n  ParameterPath: /x")).toBeUndefined();
  });
});
