import { describe, expect, it } from "vitest";
import {
  checkParameters,
  checkSettings,
  namedParameters,
  type PrintedService,
} from "../../../local/deploy/preflight.js";

/** What `osls print` gives for a stage, trimmed to what the checks read. */
function printed(worker: Record<string, unknown>, provider: Record<string, unknown> = {}): PrintedService {
  return {
    provider: { region: "eu-west-1", environment: { RESTORE_REQUIRE_APPROVAL: "true", RESTORE_ORGS: "", ...provider } },
    functions: {
      http: {
        environment: {
          WORKER_FUNCTION_NAME: "package-restore-prod-worker",
          SLACK_SIGNING_SECRET_PARAM: "/package-restore/prod/slack-signing-secret",
        },
      },
      worker: {
        environment: {
          SLACK_BOT_TOKEN_PARAM: "/package-restore/prod/slack-bot-token",
          GITHUB_AUTH: "app",
          GITHUB_APP_ID: "12345",
          GITHUB_APP_PRIVATE_KEY_PARAM: "/package-restore/prod/github-app-private-key",
          GITHUB_TOKEN_PARAM: "",
          RESTORE_APPROVERS: "U0APPROVER1",
          TABLE_NAME: { Ref: "RequestsTable" },
          ...worker,
        },
      },
    },
  };
}

describe("deploy preflight", () => {
  it("accepts a complete stage and lists the parameters each function reads", () => {
    expect(checkSettings(printed({}))).toEqual([]);
    expect(namedParameters(printed({}))).toEqual([
      { fn: "http", variable: "SLACK_SIGNING_SECRET_PARAM", name: "/package-restore/prod/slack-signing-secret" },
      { fn: "worker", variable: "SLACK_BOT_TOKEN_PARAM", name: "/package-restore/prod/slack-bot-token" },
      { fn: "worker", variable: "GITHUB_APP_PRIVATE_KEY_PARAM", name: "/package-restore/prod/github-app-private-key" },
    ]);
  });

  it("stops a stage whose functions would not start, naming the setting", () => {
    expect(checkSettings(printed({ RESTORE_APPROVERS: "" }))).toEqual([expect.stringContaining("RESTORE_APPROVERS")]);
    expect(checkSettings(printed({ GITHUB_APP_ID: "" }))).toEqual([expect.stringContaining("GITHUB_APP_ID")]);
    expect(checkSettings(printed({}, { RESTORE_ORGS: "not an org!" }))).toEqual([
      expect.stringContaining("RESTORE_ORGS"),
    ]);
    expect(checkSettings(printed({ RESTORE_APPROVERS: "" }, { RESTORE_REQUIRE_APPROVAL: "false" }))).toEqual([]);
  });

  it("stops on a missing parameter, a plain String, or a customer key the roles may not use", () => {
    const wanted = namedParameters(printed({}));
    const stored = [
      { name: "/package-restore/prod/slack-signing-secret", type: "SecureString", keyId: "alias/aws/ssm" },
      { name: "/package-restore/prod/slack-bot-token", type: "String" },
      { name: "/package-restore/prod/github-app-private-key", type: "SecureString", keyId: "alias/platform-secrets" },
    ];
    expect(checkParameters(wanted, stored, undefined)).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN_PARAM: .* is stored as String, unencrypted; .*SecureString/),
      expect.stringMatching(/^GITHUB_APP_PRIVATE_KEY_PARAM: .*alias\/platform-secrets.*SECRETS_KMS_KEY_ARN/),
    ]);
    expect(checkParameters(wanted, stored.slice(1), "arn:aws:kms:eu-west-1:111122223333:key/x")).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET_PARAM: .* does not exist/),
      expect.stringMatching(/^SLACK_BOT_TOKEN_PARAM/),
    ]);
  });
});
