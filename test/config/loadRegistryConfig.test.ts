import { describe, expect, it } from "vitest";
import { loadRegistryConfig } from "../../src/config/loadRegistryConfig.js";
import type { Env } from "../../src/config/readEnv.js";
import { ConfigError } from "../../src/errors.js";

const SECRET = "SECRET-VALUE-123";

function configError(env: Env): ConfigError {
  try {
    loadRegistryConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadRegistryConfig: the registry that goes with the API", () => {
  it.each<[string, Env, string]>([
    ["nothing set: GitHub.com's", {}, "https://ghcr.io"],
    ["api.github.com", { GITHUB_API_URL: "https://api.github.com" }, "https://ghcr.io"],
    ["a blank variable counts as unset", { GITHUB_CONTAINER_REGISTRY_URL: "  " }, "https://ghcr.io"],
    [
      "GHES: containers.HOST",
      { GITHUB_API_URL: "https://ghe.example.com/api/v3" },
      "https://containers.ghe.example.com",
    ],
    [
      "GHES with a trailing slash and a port",
      { GITHUB_API_URL: "https://ghe.example.com:8443/api/v3/" },
      "https://containers.ghe.example.com:8443",
    ],
    [
      "set explicitly, trailing slash dropped",
      { GITHUB_CONTAINER_REGISTRY_URL: "https://registry.example.com/" },
      "https://registry.example.com",
    ],
    [
      "set explicitly wins over GHES",
      { GITHUB_API_URL: "https://ghe.example.com/api/v3", GITHUB_CONTAINER_REGISTRY_URL: "https://ghcr.example.com" },
      "https://ghcr.example.com",
    ],
    ["plain http on 127.0.0.1", { GITHUB_CONTAINER_REGISTRY_URL: "http://127.0.0.1:5000" }, "http://127.0.0.1:5000"],
    ["plain http on localhost", { GITHUB_CONTAINER_REGISTRY_URL: "http://localhost:5000/" }, "http://localhost:5000"],
    ["plain http on [::1]", { GITHUB_CONTAINER_REGISTRY_URL: "http://[::1]:5000" }, "http://[::1]:5000"],
  ])("%s", (_name, env, registryUrl) => {
    expect(loadRegistryConfig(env)).toEqual({ registryUrl });
  });
});

describe("loadRegistryConfig: refusals name the variable, never the value", () => {
  it.each<[string, Env, string]>([
    ["not a URL", { GITHUB_CONTAINER_REGISTRY_URL: SECRET }, "GITHUB_CONTAINER_REGISTRY_URL"],
    [
      "plain http elsewhere",
      { GITHUB_CONTAINER_REGISTRY_URL: `http://${SECRET.toLowerCase()}.example.com` },
      "GITHUB_CONTAINER_REGISTRY_URL",
    ],
    [
      "http on a look-alike of localhost",
      { GITHUB_CONTAINER_REGISTRY_URL: "http://localhost.example.com" },
      "GITHUB_CONTAINER_REGISTRY_URL",
    ],
    [
      "not http(s)",
      { GITHUB_CONTAINER_REGISTRY_URL: `ftp://${SECRET.toLowerCase()}.example.com` },
      "GITHUB_CONTAINER_REGISTRY_URL",
    ],
    [
      "credentials in the URL",
      { GITHUB_CONTAINER_REGISTRY_URL: `https://user:${SECRET}@ghcr.io` },
      "GITHUB_CONTAINER_REGISTRY_URL",
    ],
    ["a query", { GITHUB_CONTAINER_REGISTRY_URL: `https://ghcr.io/?token=${SECRET}` }, "GITHUB_CONTAINER_REGISTRY_URL"],
    [
      "GHE.com, whose registry address isn't documented",
      { GITHUB_API_URL: "https://api.octocorp.ghe.com" },
      "GITHUB_CONTAINER_REGISTRY_URL",
    ],
    [
      "an API URL on another host and path",
      { GITHUB_API_URL: "https://proxy.example.com/github" },
      "GITHUB_CONTAINER_REGISTRY_URL",
    ],
    ["GHES over plain http", { GITHUB_API_URL: "http://ghe.example.com/api/v3" }, "GITHUB_CONTAINER_REGISTRY_URL"],
    ["an API URL that is not a URL", { GITHUB_API_URL: SECRET }, "GITHUB_API_URL"],
  ])("%s", (_name, env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain(SECRET);
    expect(error.message.toLowerCase()).not.toContain(SECRET.toLowerCase());
  });

  it("tells the operator what to set when it can't derive the registry", () => {
    expect(configError({ GITHUB_API_URL: "https://api.octocorp.ghe.com" }).message).toMatch(
      /set it to the Container registry's URL/,
    );
  });
});
