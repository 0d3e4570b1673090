import { describe, expect, it } from "vitest";
import { parseBearerChallenge } from "../../src/registry/parseBearerChallenge.js";

describe("parseBearerChallenge", () => {
  it("reads the token spec's example", () => {
    const header =
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"';
    expect(parseBearerChallenge(header)).toEqual({
      realm: "https://auth.docker.io/token",
      service: "registry.docker.io",
      scope: "repository:samalba/my-app:pull,push",
    });
  });

  it("reads what CNCF Distribution 2.8 sent after a bad token (seen in the real registry test)", () => {
    const header =
      'Bearer realm="http://127.0.0.1:5057/token",service="test-registry",scope="repository:acme/team/app:pull",error="invalid_token"';
    expect(parseBearerChallenge(header)).toEqual({
      realm: "http://127.0.0.1:5057/token",
      service: "test-registry",
      scope: "repository:acme/team/app:pull",
      error: "invalid_token",
    });
  });

  it("reads a challenge without a scope, as on /v2/", () => {
    expect(parseBearerChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io"')).toEqual({
      realm: "https://ghcr.io/token",
      service: "ghcr.io",
    });
  });

  it("takes the Bearer challenge among several, joined with a comma as fetch joins repeated headers", () => {
    const header =
      'Basic realm="basic-realm", Bearer realm="https://ghcr.io/token", service="ghcr.io", scope="repository:acme/app:pull", Negotiate';
    expect(parseBearerChallenge(header)).toEqual({
      realm: "https://ghcr.io/token",
      service: "ghcr.io",
      scope: "repository:acme/app:pull",
    });
  });

  it("is case-insensitive about the scheme and parameter names, and takes unquoted tokens and escapes", () => {
    expect(parseBearerChallenge('bearer Realm = "https://r.example/t\\"x" , SERVICE=svc')).toEqual({
      realm: 'https://r.example/t"x',
      service: "svc",
    });
  });

  it("keeps commas inside quoted values", () => {
    expect(parseBearerChallenge('Bearer realm="https://r.example/token",scope="repository:a/b:pull,push"')?.scope).toBe(
      "repository:a/b:pull,push",
    );
  });

  it.each([null, "", 'Basic realm="x"', "Bearer", 'Bearer service="x"', 'Bearer realm=""', "Bearer abc=="])(
    "finds no usable challenge in %j",
    (header) => {
      expect(parseBearerChallenge(header)).toBeUndefined();
    },
  );
});
