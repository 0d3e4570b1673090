import { describe, expect, it } from "vitest";
import type { Env } from "../../src/config/readEnv.js";
import { loadWorkerConfig } from "../../src/config/loadWorkerConfig.js";
import { ConfigError } from "../../src/errors.js";

const SECRET = "SECRET-VALUE-123";
const base: Env = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", GITHUB_TOKEN: "ghp_classicTokenValue" };

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
  it("loads a minimal token-mode configuration with defaults", () => {
    expect(loadWorkerConfig(base)).toEqual({
      slack: { botToken: "xoxb-1-2-abc", apiUrl: "https://slack.com/api/" },
      github: { apiUrl: "https://api.github.com", webUrl: "https://github.com", authMode: "token", token: "ghp_classicTokenValue" },
      policy: { requesters: null, orgs: null },
      requireApproval: false,
    });
  });

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

  it.each(["false", "FALSE", " false ", ""])("accepts RESTORE_REQUIRE_APPROVAL=%j", (value) => {
    expect(loadWorkerConfig({ ...base, RESTORE_REQUIRE_APPROVAL: value }).requireApproval).toBe(false);
  });

  it.each(["true", "TRUE"])("refuses RESTORE_REQUIRE_APPROVAL=%j: there is no approval flow yet", (value) => {
    const error = configError({ ...base, RESTORE_REQUIRE_APPROVAL: value });
    expect(error.variable).toBe("RESTORE_REQUIRE_APPROVAL");
    expect(error.message).toMatch(/approval/);
  });
});

describe("loadWorkerConfig: missing or malformed variables name the variable, never the value", () => {
  it.each<[string, Env, string]>([
    ["no bot token", { GITHUB_TOKEN: "ghp_x" }, "SLACK_BOT_TOKEN"],
    ["blank bot token", { ...base, SLACK_BOT_TOKEN: "   " }, "SLACK_BOT_TOKEN"],
    ["user token as bot token", { ...base, SLACK_BOT_TOKEN: `xoxp-${SECRET}` }, "SLACK_BOT_TOKEN"],
    ["signing secret as bot token", { ...base, SLACK_BOT_TOKEN: SECRET }, "SLACK_BOT_TOKEN"],
    ["Slack API URL that is not a URL", { ...base, SLACK_API_URL: SECRET }, "SLACK_API_URL"],
    ["Slack API URL that is not http(s)", { ...base, SLACK_API_URL: `file:///${SECRET}` }, "SLACK_API_URL"],
    ["approval flag that is not a boolean", { ...base, RESTORE_REQUIRE_APPROVAL: SECRET }, "RESTORE_REQUIRE_APPROVAL"],
    ["no GitHub credential", { SLACK_BOT_TOKEN: "xoxb-1" }, "GITHUB_APP_ID"],
    ["fine-grained PAT", { ...base, GITHUB_TOKEN: `github_pat_${SECRET}` }, "GITHUB_TOKEN"],
    ["bad GITHUB_AUTH", { ...base, GITHUB_AUTH: SECRET }, "GITHUB_AUTH"],
    ["bad App key", { ...base, GITHUB_AUTH: "app", GITHUB_APP_ID: "1", GITHUB_APP_PRIVATE_KEY: SECRET }, "GITHUB_APP_PRIVATE_KEY"],
    ["bad GitHub API URL", { ...base, GITHUB_API_URL: SECRET }, "GITHUB_API_URL"],
  ])("%s", (_name, env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain(SECRET);
  });

  it("refuses a bad requester entry", () => {
    expect(configError({ ...base, RESTORE_REQUESTERS: "not-an-id" }).variable).toBe("RESTORE_REQUESTERS");
  });

  it("refuses a bad org", () => {
    expect(configError({ ...base, RESTORE_ORGS: "-acme" }).variable).toBe("RESTORE_ORGS");
  });
});
