// The reads only `doctor` makes, each answer checked against GitHub's description (github-rest-doctor.json).
import { describe, expect, it } from "vitest";
import { appJwt, generateAppKeys, pat, send, useSimulators } from "./testSupport.js";

const keys = generateAppKeys();
const { recorder, start } = useSimulators(keys);

describe("GET /user", () => {
  it("answers a classic PAT with its user and X-OAuth-Scopes", async () => {
    const sim = await start();
    const answer = await send(recorder, sim, "GET", "/user", pat("ghp_readonly"));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ login: "restore-bot-owner", type: "User" });
    expect(answer.headers.get("x-oauth-scopes")).toBe("read:packages");
  });

  it("refuses an installation token (403) and an unknown token (401)", async () => {
    const sim = await start();
    const jwt = appJwt(keys);
    const created = await send(recorder, sim, "POST", "/app/installations/4242/access_tokens", {
      authorization: `Bearer ${jwt}`,
    });
    const installation = { authorization: `token ${created.body.token}` };
    expect((await send(recorder, sim, "GET", "/user", installation)).body.message).toBe(
      "Resource not accessible by integration",
    );
    expect((await send(recorder, sim, "GET", "/user", { authorization: "token ghp_nobody" })).status).toBe(401);
  });
});

describe("a PAT's expiry and revocation", () => {
  it("sends GitHub-Authentication-Token-Expiration until the PAT expires, then 401 Bad credentials", async () => {
    const sim = await start();
    sim.setPatExpiry("ghp_readonly", new Date(Date.now() + 60_000));
    const before = await send(recorder, sim, "GET", "/user", pat("ghp_readonly"));
    expect(before.headers.get("github-authentication-token-expiration")).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
    );
    sim.setPatExpiry("ghp_readonly", new Date(Date.now() - 1));
    const after = await send(recorder, sim, "GET", "/user", pat("ghp_readonly"));
    expect([after.status, after.body.message]).toEqual([401, "Bad credentials"]);
    sim.setPatExpiry("ghp_readonly", undefined);
    expect(
      (await send(recorder, sim, "GET", "/user", pat("ghp_readonly"))).headers.has(
        "github-authentication-token-expiration",
      ),
    ).toBe(false);
  });

  it("answers a revoked PAT 401 Bad credentials", async () => {
    const sim = await start();
    sim.revokePat("ghp_readonly");
    expect((await send(recorder, sim, "GET", "/user", pat("ghp_readonly"))).status).toBe(401);
  });
});

describe("GET /app/installations", () => {
  it("lists the orgs the App is installed on, and not the others", async () => {
    const sim = await start();
    sim.addOrg("globex");
    const answer = await send(recorder, sim, "GET", "/app/installations", { authorization: `Bearer ${appJwt(keys)}` });
    expect(answer.body.map((installation: { account: { login: string } }) => installation.account.login)).toEqual([
      "acme",
    ]);
  });
});

describe("GET /orgs/{org}/packages", () => {
  it("lists the org's active packages of one type, and needs read:packages", async () => {
    const sim = await start();
    const listed = await send(recorder, sim, "GET", "/orgs/acme/packages?package_type=container", pat("ghp_readonly"));
    expect(listed.body.map((pkg: { name: string }) => pkg.name)).toEqual(["web/api"]);
    expect(
      (await send(recorder, sim, "GET", "/orgs/acme/packages?package_type=npm", pat("ghp_writeonly"))).status,
    ).toBe(403);
    expect((await send(recorder, sim, "GET", "/orgs/acme/packages", pat("ghp_readonly"))).status).toBe(422);
  });

  it("refuses a PAT not authorised for an org's SAML SSO with X-GitHub-SSO, and takes one that is", async () => {
    const sim = await start();
    sim.requireSso("acme", ["ghp_readwrite"]);
    const refused = await send(recorder, sim, "GET", "/orgs/acme/packages?package_type=npm", pat("ghp_readonly"));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-github-sso")).toMatch(/^required; url=https:\/\/github\.com\/orgs\/acme\/sso\?/);
    expect(
      (await send(recorder, sim, "GET", "/orgs/acme/packages?package_type=npm", pat("ghp_readwrite"))).status,
    ).toBe(200);
  });

  it("changes a PAT's scopes when told, as its owner would on github.com", async () => {
    const sim = await start();
    sim.setPatScopes("ghp_readonly", ["repo"]);
    const answer = await send(recorder, sim, "GET", "/user", pat("ghp_readonly"));
    expect(answer.headers.get("x-oauth-scopes")).toBe("repo");
  });
});
