import { describe, expect, it } from "vitest";
import type { Env } from "../../src/config/readEnv.js";
import { DEFAULT_WORKER_TIMEOUT_MS, loadWorkerConfig } from "../../src/config/loadWorkerConfig.js";
import { ConfigError } from "../../src/errors.js";

const SECRET = "SECRET-VALUE-123";
const base: Env = {
  SLACK_BOT_TOKEN: "xoxb-1-2-abc",
  GITHUB_TOKEN: "ghp_classicTokenValue",
  RESTORE_APPROVERS: "U0APPROVER",
  TABLE_NAME: "restore-requests",
};
const direct: Env = { ...base, RESTORE_APPROVERS: undefined, RESTORE_REQUIRE_APPROVAL: "false" };

function configError(env: Env): ConfigError {
  try {
    loadWorkerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadWorkerConfig", () => {
  it("loads a minimal token-mode configuration with defaults: approval on, 24 h to decide", () => {
    expect(loadWorkerConfig(base)).toEqual({
      slack: { botToken: "xoxb-1-2-abc", apiUrl: "https://slack.com/api/" },
      github: {
        apiUrl: "https://api.github.com",
        webUrl: "https://github.com",
        authMode: "token",
        token: "ghp_classicTokenValue",
      },
      registry: { registryUrl: "https://ghcr.io" },
      policy: { requesters: null, orgs: null },
      approval: { required: true, ttlMs: 24 * 3_600_000 },
      approvers: { users: new Set(["U0APPROVER"]), groups: new Set() },
      store: { tableName: "restore-requests" },
      audit: { retentionDays: 400 },
      workerTimeoutMs: 150_000,
      command: "/restore-package",
    });
    expect(DEFAULT_WORKER_TIMEOUT_MS).toBe(150_000);
  });

  it("starts without a registry address it can't derive, keeping the reason for the repairs that need one", () => {
    const config = loadWorkerConfig({ ...base, GITHUB_API_URL: "https://api.acme.ghe.com" });
    expect(config.registry).toEqual({
      problem: expect.stringContaining("GITHUB_CONTAINER_REGISTRY_URL: it is not set"),
    });
  });

  // The worker names the command in what it tells people: it must read SLACK_COMMAND exactly as the HTTP function does.
  it.each(["/restore-package-staging", "/pkg_restore"])("reads SLACK_COMMAND=%s", (command) => {
    expect(loadWorkerConfig({ ...base, SLACK_COMMAND: command }).command).toBe(command);
  });

  it.each(["restore-package", "/Restore", "/a b", `/${"x".repeat(40)}`])(
    "refuses SLACK_COMMAND=%j, naming the variable",
    (command) => {
      expect(configError({ ...base, SLACK_COMMAND: command }).variable).toBe("SLACK_COMMAND");
    },
  );

  it.each([
    ["http://127.0.0.1:3000", "http://127.0.0.1:3000/"],
    ["http://127.0.0.1:3000/", "http://127.0.0.1:3000/"],
    ["http://localhost:3000/api", "http://localhost:3000/api/"],
    ["https://slack.com/api/", "https://slack.com/api/"],
    ["https://slack.com/api//", "https://slack.com/api/"],
  ])("SLACK_API_URL=%j → %j (one trailing slash)", (url, expected) => {
    expect(loadWorkerConfig({ ...base, SLACK_API_URL: url }).slack.apiUrl).toBe(expected);
  });

  it("passes the policy through", () => {
    const config = loadWorkerConfig({ ...base, RESTORE_REQUESTERS: "U0ALICE S0OPS", RESTORE_ORGS: "Acme" });
    expect(config.policy.requesters?.users).toEqual(new Set(["U0ALICE"]));
    expect(config.policy.requesters?.groups).toEqual(new Set(["S0OPS"]));
    expect(config.policy.orgs).toEqual(new Set(["acme"]));
  });
});

describe("loadWorkerConfig: approval", () => {
  it.each([undefined, "", "   ", " , "])(
    "requires RESTORE_APPROVERS when approval is on by default (RESTORE_APPROVERS=%j)",
    (value) => {
      const error = configError({ ...base, RESTORE_APPROVERS: value });
      expect(error.variable).toBe("RESTORE_APPROVERS");
      expect(error.message).toContain("RESTORE_APPROVERS");
      expect(error.message).toContain("RESTORE_REQUIRE_APPROVAL=false");
    },
  );

  it.each(["true", "TRUE", " true "])("requires RESTORE_APPROVERS when RESTORE_REQUIRE_APPROVAL=%j", (value) => {
    expect(configError({ ...base, RESTORE_APPROVERS: undefined, RESTORE_REQUIRE_APPROVAL: value }).variable).toBe(
      "RESTORE_APPROVERS",
    );
    expect(loadWorkerConfig({ ...base, RESTORE_REQUIRE_APPROVAL: value }).approval.required).toBe(true);
  });

  it("treats a blank RESTORE_REQUIRE_APPROVAL as unset: approval on", () => {
    expect(loadWorkerConfig({ ...base, RESTORE_REQUIRE_APPROVAL: "  " }).approval.required).toBe(true);
  });

  it.each(["false", "FALSE", " false "])("allows no approvers with RESTORE_REQUIRE_APPROVAL=%j", (value) => {
    const config = loadWorkerConfig({ ...direct, RESTORE_REQUIRE_APPROVAL: value });
    expect(config.approval.required).toBe(false);
    expect(config.approvers).toBeNull();
  });

  it("still reads the approvers when approval is off", () => {
    expect(loadWorkerConfig({ ...direct, RESTORE_APPROVERS: "U0APPROVER" }).approvers?.users).toEqual(
      new Set(["U0APPROVER"]),
    );
  });

  it("splits approvers into users and groups", () => {
    const { approvers } = loadWorkerConfig({ ...base, RESTORE_APPROVERS: "U0BOB, W0CAROL S0SECURITY" });
    expect(approvers).toEqual({ users: new Set(["U0BOB", "W0CAROL"]), groups: new Set(["S0SECURITY"]) });
  });

  it.each(["@bob", "C0CHANNEL", "u0bob", "<@U0BOB>"])("refuses the approver entry %j", (entry) => {
    const error = configError({ ...base, RESTORE_APPROVERS: `U0BOB ${entry}` });
    expect(error.variable).toBe("RESTORE_APPROVERS");
    expect(error.message).toContain("entry 2");
  });

  it.each(["C0APPROVERS", "G0PRIVATE1", "C012AB3CD"])(
    "takes RESTORE_APPROVAL_CHANNEL=%j as the cards' channel",
    (channel) => {
      expect(loadWorkerConfig({ ...base, RESTORE_APPROVAL_CHANNEL: ` ${channel} ` }).approval).toEqual({
        required: true,
        channelId: channel,
        ttlMs: 86_400_000,
      });
    },
  );

  it.each([undefined, "", "  "])(
    "posts cards where the command was typed when RESTORE_APPROVAL_CHANNEL=%j",
    (value) => {
      expect("channelId" in loadWorkerConfig({ ...base, RESTORE_APPROVAL_CHANNEL: value }).approval).toBe(false);
    },
  );

  it.each(["#restores", "restores", "D0DIRECT", "U0BOB", "c0approvers", "C1", "C0APP ROVERS"])(
    "refuses RESTORE_APPROVAL_CHANNEL=%j",
    (value) => {
      const error = configError({ ...base, RESTORE_APPROVAL_CHANNEL: value });
      expect(error.variable).toBe("RESTORE_APPROVAL_CHANNEL");
      expect(error.message).toContain("ID");
    },
  );
});

describe("loadWorkerConfig: RESTORE_REQUEST_TTL", () => {
  it.each<[string, number]>([
    ["90s", 90_000],
    ["30m", 1_800_000],
    ["24h", 86_400_000],
    ["7d", 604_800_000],
    ["1s", 1000],
    ["30d", 2_592_000_000],
    ["2H", 7_200_000],
    [" 45 m ", 2_700_000],
  ])("%j → %d ms", (value, ms) => {
    expect(loadWorkerConfig({ ...base, RESTORE_REQUEST_TTL: value }).approval.ttlMs).toBe(ms);
  });

  it.each([undefined, "", " "])("defaults to 24 h (RESTORE_REQUEST_TTL=%j)", (value) => {
    expect(loadWorkerConfig({ ...base, RESTORE_REQUEST_TTL: value }).approval.ttlMs).toBe(86_400_000);
  });

  it.each(["24", "h", "1.5h", "-1h", "24 hours", "1w", "P1D", "1h30m", "abc", "0x10s"])(
    "refuses the junk %j",
    (value) => {
      const error = configError({ ...base, RESTORE_REQUEST_TTL: value });
      expect(error.variable).toBe("RESTORE_REQUEST_TTL");
      expect(error.message).toContain("unit");
    },
  );

  it.each(["0s", "0d", "31d", "745h", "43201m", "99999999999999999999d"])(
    "refuses %j, outside 1 s to 30 days",
    (value) => {
      const error = configError({ ...base, RESTORE_REQUEST_TTL: value });
      expect(error.variable).toBe("RESTORE_REQUEST_TTL");
      expect(error.message).toContain("1 s to 30 days");
    },
  );
});

describe("loadWorkerConfig: the request store", () => {
  it.each([undefined, "", "  "])("requires TABLE_NAME (%j)", (value) => {
    const error = configError({ ...base, TABLE_NAME: value });
    expect(error.variable).toBe("TABLE_NAME");
    expect(error.message).toContain("TABLE_NAME");
  });

  it("uses the SDK's own endpoint and credentials in AWS, even when keys are in the environment", () => {
    const config = loadWorkerConfig({
      ...base,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: SECRET,
    });
    expect(config.store).toEqual({ tableName: "restore-requests", region: "eu-west-1" });
    expect(JSON.stringify(config.store)).not.toContain(SECRET);
  });

  it("passes a local endpoint with the keys beside it", () => {
    const config = loadWorkerConfig({
      ...base,
      DYNAMODB_ENDPOINT: "http://127.0.0.1:4567/",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local-secret",
    });
    expect(config.store).toEqual({
      tableName: "restore-requests",
      endpoint: "http://127.0.0.1:4567",
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local-secret" },
    });
  });

  it.each<[string, Env]>([
    ["no keys", {}],
    ["only an access key ID", { AWS_ACCESS_KEY_ID: "local" }],
    ["only a secret key", { AWS_SECRET_ACCESS_KEY: "local-secret" }],
  ])("passes a local endpoint without credentials when it has %s", (_name, keys) => {
    const { store } = loadWorkerConfig({ ...base, DYNAMODB_ENDPOINT: "http://localhost:8000", ...keys });
    expect(store).toEqual({ tableName: "restore-requests", endpoint: "http://localhost:8000" });
  });
});

describe("loadWorkerConfig: missing or malformed variables name the variable, never the value", () => {
  it.each<[string, Env, string]>([
    ["no bot token", { ...base, SLACK_BOT_TOKEN: undefined }, "SLACK_BOT_TOKEN"],
    ["blank bot token", { ...base, SLACK_BOT_TOKEN: "   " }, "SLACK_BOT_TOKEN"],
    ["user token as bot token", { ...base, SLACK_BOT_TOKEN: `xoxp-${SECRET}` }, "SLACK_BOT_TOKEN"],
    ["signing secret as bot token", { ...base, SLACK_BOT_TOKEN: SECRET }, "SLACK_BOT_TOKEN"],
    ["Slack API URL that is not a URL", { ...base, SLACK_API_URL: SECRET }, "SLACK_API_URL"],
    ["Slack API URL that is not http(s)", { ...base, SLACK_API_URL: `file:///${SECRET}` }, "SLACK_API_URL"],
    ["approval flag that is not a boolean", { ...base, RESTORE_REQUIRE_APPROVAL: SECRET }, "RESTORE_REQUIRE_APPROVAL"],
    ["an approver that is not an ID", { ...base, RESTORE_APPROVERS: `U0BOB,${SECRET}` }, "RESTORE_APPROVERS"],
    [
      "an approval channel that is not an ID",
      { ...base, RESTORE_APPROVAL_CHANNEL: SECRET },
      "RESTORE_APPROVAL_CHANNEL",
    ],
    ["an approval channel name", { ...base, RESTORE_APPROVAL_CHANNEL: `#${SECRET}` }, "RESTORE_APPROVAL_CHANNEL"],
    ["a TTL that is junk", { ...base, RESTORE_REQUEST_TTL: SECRET }, "RESTORE_REQUEST_TTL"],
    ["a TTL out of range", { ...base, RESTORE_REQUEST_TTL: "123456789d" }, "RESTORE_REQUEST_TTL"],
    ["a DynamoDB endpoint that is not a URL", { ...base, DYNAMODB_ENDPOINT: SECRET }, "DYNAMODB_ENDPOINT"],
    ["a DynamoDB endpoint that is not http(s)", { ...base, DYNAMODB_ENDPOINT: `ftp://${SECRET}` }, "DYNAMODB_ENDPOINT"],
    ["no GitHub credential", { ...base, GITHUB_TOKEN: undefined }, "GITHUB_APP_ID"],
    ["fine-grained PAT", { ...base, GITHUB_TOKEN: `github_pat_${SECRET}` }, "GITHUB_TOKEN"],
    ["bad GITHUB_AUTH", { ...base, GITHUB_AUTH: SECRET }, "GITHUB_AUTH"],
    [
      "bad App key",
      { ...base, GITHUB_AUTH: "app", GITHUB_APP_ID: "1", GITHUB_APP_PRIVATE_KEY: SECRET },
      "GITHUB_APP_PRIVATE_KEY",
    ],
    ["bad GitHub API URL", { ...base, GITHUB_API_URL: SECRET }, "GITHUB_API_URL"],
  ])("%s", (_name, env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain("123456789");
  });

  it("refuses a bad requester entry", () => {
    expect(configError({ ...base, RESTORE_REQUESTERS: "not-an-id" }).variable).toBe("RESTORE_REQUESTERS");
  });

  it("refuses a bad org", () => {
    expect(configError({ ...base, RESTORE_ORGS: "-acme" }).variable).toBe("RESTORE_ORGS");
  });
});
