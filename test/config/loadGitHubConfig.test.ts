import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadGitHubConfig } from "../../src/config/loadGitHubConfig.js";
import type { Env } from "../../src/config/readEnv.js";
import { ConfigError } from "../../src/errors.js";

const SECRET = "SECRET-VALUE-123";
const pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();
const pkcs1 = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();
const app: Env = { GITHUB_APP_ID: "12345", GITHUB_APP_PRIVATE_KEY: pem };
const token: Env = { GITHUB_TOKEN: "ghp_classicTokenValue" };

/** Loads `env` and returns the ConfigError it throws; fails the test if it doesn't throw one. */
function configError(env: Env): ConfigError {
  try {
    loadGitHubConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadGitHubConfig: choosing the credential", () => {
  it("uses the App when both are set and GITHUB_AUTH is unset", () => {
    expect(loadGitHubConfig({ ...app, ...token })).toMatchObject({ authMode: "app", appId: "12345" });
  });

  it("uses the token when only GITHUB_TOKEN is set", () => {
    expect(loadGitHubConfig(token)).toEqual({
      apiUrl: "https://api.github.com",
      webUrl: "https://github.com",
      authMode: "token",
      token: "ghp_classicTokenValue",
    });
  });

  it.each(["token", "TOKEN", " Token "])("uses the token when GITHUB_AUTH=%j, even with the App set", (auth) => {
    expect(loadGitHubConfig({ ...app, ...token, GITHUB_AUTH: auth })).toMatchObject({
      authMode: "token",
      token: "ghp_classicTokenValue",
    });
  });

  it("uses the App when GITHUB_AUTH=app", () => {
    expect(loadGitHubConfig({ ...app, ...token, GITHUB_AUTH: "app" }).authMode).toBe("app");
  });

  it("treats a blank GITHUB_AUTH as unset", () => {
    expect(loadGitHubConfig({ ...token, GITHUB_AUTH: "  " }).authMode).toBe("token");
  });

  it("refuses GITHUB_AUTH=token without GITHUB_TOKEN", () => {
    expect(configError({ ...app, GITHUB_AUTH: "token" }).variable).toBe("GITHUB_TOKEN");
  });

  it("refuses GITHUB_AUTH=app with only a token", () => {
    expect(configError({ ...token, GITHUB_AUTH: "app" }).variable).toBe("GITHUB_APP_ID");
  });

  it("refuses an unknown GITHUB_AUTH without echoing it", () => {
    const error = configError({ ...app, GITHUB_AUTH: SECRET });
    expect(error.variable).toBe("GITHUB_AUTH");
    expect(error.message).not.toContain(SECRET);
  });

  it("refuses no credential at all, naming the App ID", () => {
    const error = configError({});
    expect(error.variable).toBe("GITHUB_APP_ID");
    expect(error.message).toContain("GITHUB_TOKEN");
  });
});

describe("loadGitHubConfig: malformed values name the variable, never the value", () => {
  it.each<[string, Env, string]>([
    ["fine-grained PAT", { GITHUB_TOKEN: `github_pat_${SECRET}` }, "GITHUB_TOKEN"],
    ["App ID that is neither numeric nor a client ID", { ...app, GITHUB_APP_ID: SECRET }, "GITHUB_APP_ID"],
    ["App ID with a suffix", { ...app, GITHUB_APP_ID: `12345${SECRET}` }, "GITHUB_APP_ID"],
    ["App without a private key", { GITHUB_APP_ID: "12345" }, "GITHUB_APP_PRIVATE_KEY"],
    ["private key that is not a PEM", { ...app, GITHUB_APP_PRIVATE_KEY: SECRET }, "GITHUB_APP_PRIVATE_KEY"],
    ["truncated PEM", { ...app, GITHUB_APP_PRIVATE_KEY: `${pem.slice(0, 200)}${SECRET}` }, "GITHUB_APP_PRIVATE_KEY"],
    ["API URL that is not a URL", { ...token, GITHUB_API_URL: SECRET }, "GITHUB_API_URL"],
    ["API URL that is not http(s)", { ...token, GITHUB_API_URL: `ftp://${SECRET}.example.com` }, "GITHUB_API_URL"],
  ])("%s", (_name, env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain(SECRET);
    expect(String(error.cause ?? "")).not.toContain(SECRET);
  });

  it("refuses a fine-grained PAT even when GITHUB_AUTH=token is explicit", () => {
    expect(configError({ GITHUB_TOKEN: "github_pat_11ABC", GITHUB_AUTH: "token" }).message).toMatch(/fine-grained/);
  });
});

describe("loadGitHubConfig: App credentials", () => {
  it("accepts a PEM as downloaded", () => {
    const config = loadGitHubConfig(app);
    expect(config.authMode === "app" && config.privateKey.trim()).toBe(pem.trim());
  });

  it.each([
    ["PKCS#8", pem],
    ["PKCS#1", pkcs1],
  ])("accepts a %s PEM with newlines written as \\n and returns real newlines", (_name, key) => {
    const oneLine = key.replace(/\n/g, "\\n");
    expect(oneLine).not.toContain("\n");
    const config = loadGitHubConfig({ GITHUB_APP_ID: "12345", GITHUB_APP_PRIVATE_KEY: oneLine });
    expect(config.authMode).toBe("app");
    if (config.authMode === "app") expect(config.privateKey.trim()).toBe(key.trim());
  });

  it.each(["1", "987654", "Iv1.0123abcdEF", "Iv23liABCdef"])("accepts App ID %j", (appId) => {
    expect(loadGitHubConfig({ ...app, GITHUB_APP_ID: appId })).toMatchObject({ authMode: "app", appId });
  });
});

describe("loadGitHubConfig: endpoints", () => {
  it.each([
    [undefined, "https://api.github.com", "https://github.com"],
    ["https://api.github.com", "https://api.github.com", "https://github.com"],
    ["https://api.github.com/", "https://api.github.com", "https://github.com"],
    ["https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3", "https://ghe.example.com"],
    ["https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3", "https://ghe.example.com"],
    ["https://ghe.example.com:8443/api/v3", "https://ghe.example.com:8443/api/v3", "https://ghe.example.com:8443"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010", "http://127.0.0.1:4010"],
    // GitHub Enterprise Cloud with data residency: the API is api.SUBDOMAIN.ghe.com, the web SUBDOMAIN.ghe.com.
    ["https://api.octocorp.ghe.com", "https://api.octocorp.ghe.com", "https://octocorp.ghe.com"],
    ["https://api.octo-corp.ghe.com/", "https://api.octo-corp.ghe.com", "https://octo-corp.ghe.com"],
    ["https://API.OctoCorp.GHE.com", "https://api.octocorp.ghe.com", "https://octocorp.ghe.com"],
  ])("GITHUB_API_URL=%j → API %s, web %s", (url, apiUrl, webUrl) => {
    const config = loadGitHubConfig({ ...token, GITHUB_API_URL: url });
    expect(config.apiUrl).toBe(apiUrl);
    expect(config.webUrl).toBe(webUrl);
  });
});
