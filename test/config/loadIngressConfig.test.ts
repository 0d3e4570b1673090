import { describe, expect, it } from "vitest";
import { loadIngressConfig } from "../../src/config/loadIngressConfig.js";
import type { Env } from "../../src/config/readEnv.js";
import { ConfigError } from "../../src/errors.js";

const SECRET = "SECRET-VALUE-123";
const base: Env = { SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5" };

function configError(env: Env): ConfigError {
  try {
    loadIngressConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadIngressConfig", () => {
  it("needs only the signing secret; no policy means no restriction, and approval is on", () => {
    expect(loadIngressConfig(base)).toEqual({
      signingSecret: base.SLACK_SIGNING_SECRET,
      policy: { requesters: null, orgs: null },
      requireApproval: true,
      command: "/restore-package",
    });
  });

  it.each(["/restore-package-staging", "/pkg_restore"])("accepts SLACK_COMMAND=%s", (command) => {
    expect(loadIngressConfig({ ...base, SLACK_COMMAND: command }).command).toBe(command);
  });

  it.each(["restore-package", "/Restore", "/a b", `/${"x".repeat(40)}`])(
    "refuses SLACK_COMMAND=%j, naming the variable",
    (command) => {
      expect(() => loadIngressConfig({ ...base, SLACK_COMMAND: command })).toThrow(
        /Configuration error in SLACK_COMMAND/,
      );
    },
  );

  it.each<[string, boolean]>([
    ["false", false],
    [" FALSE ", false],
    ["true", true],
    ["", true],
  ])("reads RESTORE_REQUIRE_APPROVAL=%j as %s", (value, expected) => {
    expect(loadIngressConfig({ ...base, RESTORE_REQUIRE_APPROVAL: value }).requireApproval).toBe(expected);
  });

  it("does not need RESTORE_APPROVERS, even with approval on: the worker checks them", () => {
    expect(loadIngressConfig({ ...base, RESTORE_REQUIRE_APPROVAL: "true" }).requireApproval).toBe(true);
  });

  it("refuses an approval flag that is not a boolean, without echoing it", () => {
    const error = configError({ ...base, RESTORE_REQUIRE_APPROVAL: SECRET });
    expect(error.variable).toBe("RESTORE_REQUIRE_APPROVAL");
    expect(error.message).not.toContain(SECRET);
  });

  it("does not need a bot token or a GitHub credential", () => {
    expect(() => loadIngressConfig({ ...base, GITHUB_AUTH: "nonsense", SLACK_BOT_TOKEN: "nonsense" })).not.toThrow();
  });

  it("trims the signing secret", () => {
    expect(loadIngressConfig({ SLACK_SIGNING_SECRET: `  ${SECRET}\n` }).signingSecret).toBe(SECRET);
  });

  it.each([undefined, "", "   "])("refuses SLACK_SIGNING_SECRET=%j", (value) => {
    const error = configError({ SLACK_SIGNING_SECRET: value });
    expect(error.variable).toBe("SLACK_SIGNING_SECRET");
    expect(error.message).toContain("SLACK_SIGNING_SECRET");
  });
});

describe("loadIngressConfig: RESTORE_REQUESTERS", () => {
  it("splits users and groups on commas and spaces", () => {
    const { policy } = loadIngressConfig({ ...base, RESTORE_REQUESTERS: " U012ABC, W0XYZ S0GROUP,,\nU999 " });
    expect(policy.requesters).not.toBeNull();
    expect([...policy.requesters!.users].sort()).toEqual(["U012ABC", "U999", "W0XYZ"]);
    expect([...policy.requesters!.groups]).toEqual(["S0GROUP"]);
  });

  it("treats a list of only separators as unset", () => {
    expect(loadIngressConfig({ ...base, RESTORE_REQUESTERS: " , ," }).policy.requesters).toBeNull();
  });

  it.each(["u012abc", "C012ABC", "@alice", "U1", "U012ABC;S0GROUP", "<@U012ABC>"])("refuses the entry %j", (entry) => {
    expect(configError({ ...base, RESTORE_REQUESTERS: `U012ABC,${entry}` }).variable).toBe("RESTORE_REQUESTERS");
  });

  // ConfigError promises "the message names the variable, never its value": a secret pasted into the wrong variable must not be logged.
  it("does not echo a junk entry in the message", () => {
    const error = configError({ ...base, RESTORE_REQUESTERS: `U012ABC,${SECRET}` });
    expect(error.variable).toBe("RESTORE_REQUESTERS");
    expect(error.message).not.toContain(SECRET);
  });
});

describe("loadIngressConfig: RESTORE_ORGS", () => {
  it("lower-cases orgs", () => {
    expect(loadIngressConfig({ ...base, RESTORE_ORGS: "Acme, ACME-Labs other" }).policy.orgs).toEqual(
      new Set(["acme", "acme-labs", "other"]),
    );
  });

  it.each(["-acme", "acme-", "ac--me", "ac_me", "a".repeat(40), "acme/labs"])("refuses the org %j", (org) => {
    expect(configError({ ...base, RESTORE_ORGS: `acme ${org}` }).variable).toBe("RESTORE_ORGS");
  });

  it("accepts a 39-character org", () => {
    expect(loadIngressConfig({ ...base, RESTORE_ORGS: "a".repeat(39) }).policy.orgs?.size).toBe(1);
  });

  it("does not echo a bad org in the message", () => {
    const error = configError({ ...base, RESTORE_ORGS: "SECRET_VALUE_123" });
    expect(error.variable).toBe("RESTORE_ORGS");
    expect(error.message).not.toContain("SECRET_VALUE_123");
  });
});
