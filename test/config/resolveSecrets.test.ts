import { describe, expect, it } from "vitest";
import { loadIngressConfig } from "../../src/config/loadIngressConfig.js";
import { HTTP_SECRETS, resolveSecrets, WORKER_SECRETS } from "../../src/config/resolveSecrets.js";
import type { FetchParameter } from "../../src/secrets/fetchParameter.js";
import { ConfigError } from "../../src/errors.js";

const STORED: Record<string, string> = {
  "/package-restore/prod/slack-signing-secret": "SIGNING-SECRET-VALUE-71",
  "/package-restore/prod/slack-bot-token": "xoxb-BOT-TOKEN-VALUE-72",
  "/package-restore/prod/github-token": "ghp_TOKENVALUE73",
  "/package-restore/prod/empty": "  ",
};

function recordingFetcher(): FetchParameter & { names: string[] } {
  const names: string[] = [];
  const fetch = async (name: string) => {
    names.push(name);
    const value = STORED[name];
    if (value === undefined) throw new Error("SSM answered 400 ParameterNotFound");
    return value;
  };
  return Object.assign(fetch, { names });
}

async function errorOf(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("resolveSecrets", () => {
  it("fills each secret named by a *_PARAM variable, in a new object, leaving the input alone", async () => {
    const env = {
      SLACK_BOT_TOKEN_PARAM: "/package-restore/prod/slack-bot-token",
      GITHUB_TOKEN_PARAM: "/package-restore/prod/github-token",
      TABLE_NAME: "t",
    };
    const fetch = recordingFetcher();
    const resolved = await resolveSecrets(env, fetch, WORKER_SECRETS);
    expect(resolved).toEqual({ ...env, SLACK_BOT_TOKEN: "xoxb-BOT-TOKEN-VALUE-72", GITHUB_TOKEN: "ghp_TOKENVALUE73" });
    expect(env).not.toHaveProperty("SLACK_BOT_TOKEN");
    expect(fetch.names.sort()).toEqual(["/package-restore/prod/github-token", "/package-restore/prod/slack-bot-token"]);
  });

  it("fetches nothing without *_PARAM variables: local runs keep plain environment variables", async () => {
    const env = { SLACK_SIGNING_SECRET: "local-secret", SLACK_BOT_TOKEN_PARAM: "  " };
    const fetch = recordingFetcher();
    expect(await resolveSecrets(env, fetch, [...HTTP_SECRETS, ...WORKER_SECRETS])).toEqual(env);
    expect(fetch.names).toEqual([]);
  });

  it("only looks at the secrets it is given: the HTTP function never reads the bot token", async () => {
    const fetch = recordingFetcher();
    const env = {
      SLACK_SIGNING_SECRET_PARAM: "/package-restore/prod/slack-signing-secret",
      SLACK_BOT_TOKEN_PARAM: "/package-restore/prod/slack-bot-token",
    };
    const resolved = await resolveSecrets(env, fetch, HTTP_SECRETS);
    expect(fetch.names).toEqual(["/package-restore/prod/slack-signing-secret"]);
    expect(resolved.SLACK_BOT_TOKEN).toBeUndefined();
    expect(loadIngressConfig(resolved).signingSecret).toBe("SIGNING-SECRET-VALUE-71");
  });

  it("names the variable and the parameter of a missing parameter, and no value", async () => {
    const env = {
      SLACK_BOT_TOKEN_PARAM: "/package-restore/prod/slack-bot-token",
      GITHUB_APP_PRIVATE_KEY_PARAM: "/package-restore/prod/missing",
    };
    const error = await errorOf(resolveSecrets(env, recordingFetcher(), WORKER_SECRETS));
    expect(error.variable).toBe("GITHUB_APP_PRIVATE_KEY_PARAM");
    expect(error.message).toContain("/package-restore/prod/missing");
    expect(error.message).toContain("ParameterNotFound");
    expect(error.message).not.toContain("xoxb-");
  });

  it("refuses an empty parameter, a malformed name, and a secret set both ways", async () => {
    const fetch = recordingFetcher();
    expect(
      (await errorOf(resolveSecrets({ SLACK_BOT_TOKEN_PARAM: "/package-restore/prod/empty" }, fetch, WORKER_SECRETS)))
        .message,
    ).toMatch(/is empty/);
    expect(
      (await errorOf(resolveSecrets({ SLACK_BOT_TOKEN_PARAM: "xoxb-pasted the token here" }, fetch, WORKER_SECRETS)))
        .message,
    ).not.toContain("xoxb-");
    const both = await errorOf(
      resolveSecrets(
        { SLACK_BOT_TOKEN: "xoxb-LOCAL-VALUE", SLACK_BOT_TOKEN_PARAM: "/package-restore/prod/slack-bot-token" },
        fetch,
        WORKER_SECRETS,
      ),
    );
    expect(both.variable).toBe("SLACK_BOT_TOKEN_PARAM");
    expect(both.message).not.toContain("xoxb-LOCAL-VALUE");
    expect(fetch.names).toEqual(["/package-restore/prod/empty"]);
  });
});
