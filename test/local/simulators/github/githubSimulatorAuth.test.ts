/** The GitHub simulator's App authentication: JWTs, installation tokens, @octokit/auth-app. */
import { afterAll, describe, expect, it } from "vitest";
import { appClient, appJwt, generateAppKeys, pat, send, useSimulators, type Logged } from "./testSupport.js";

const keys = generateAppKeys();
const { recorder, start } = useSimulators(keys);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

afterAll(() => {
  // Every test's responses were checked against the description in afterEach; make sure there were many.
  expect(recorder.checked).toBeGreaterThan(40);
});

describe("App authentication", () => {
  it("accepts an RS256 JWT from the App's key on GET /app, with iss as a number or a string", async () => {
    const sim = await start();
    for (const iss of [1234, "1234"]) {
      const res = await send(recorder, sim, "GET", "/app", bearer(appJwt(keys, { iss })));
      expect([res.status, res.body.id, res.body.slug]).toEqual([200, 1234, "package-restore"]);
    }
    expect(sim.calls.map((c) => c.auth)).toEqual(["jwt", "jwt"]);
  });

  it("refuses JWTs GitHub would refuse, with GitHub's messages", async () => {
    const sim = await start();
    const nowS = Math.floor(Date.now() / 1000);
    const other = generateAppKeys();
    const cases: [string, Record<string, string>, string][] = [
      ["other key", bearer(appJwt(other)), "A JSON web token could not be decoded"],
      ["other app", bearer(appJwt(keys, { iss: 999 })), "A JSON web token could not be decoded"],
      ["HS256 header", bearer(appJwt(keys, {}, { alg: "HS256" })), "A JSON web token could not be decoded"],
      [
        "expired",
        bearer(appJwt(keys, { iat: nowS - 700, exp: nowS - 100 })),
        "'Expiration time' claim ('exp') must be",
      ],
      [
        "lives > 10 min",
        bearer(appJwt(keys, { iat: nowS - 60, exp: nowS + 545 })),
        "'Expiration time' claim ('exp') is too far",
      ],
      ["issued later", bearer(appJwt(keys, { iat: nowS + 300, exp: nowS + 500 })), "'Issued at' claim ('iat') must be"],
      ["a PAT", pat("ghp_readwrite"), "A JSON web token could not be decoded"],
      ["nothing", {}, "A JSON web token could not be decoded"],
    ];
    for (const [label, headers, message] of cases) {
      const res = await send(recorder, sim, "GET", "/app", headers);
      expect([label, res.status, res.body.message.startsWith(message)]).toEqual([label, 401, true]);
    }
    expect(sim.calls.map((c) => c.auth)).toEqual([...Array(6).fill("invalid"), "pat", "none"]);
  });

  it("refuses every JWT when no appPublicKey is configured", async () => {
    const sim = await start({ appPublicKey: undefined });
    const res = await send(recorder, sim, "GET", "/app", bearer(appJwt(keys)));
    expect([res.status, res.body.message]).toEqual([401, "A JSON web token could not be decoded"]);
  });

  it("GET /orgs/{org}/installation: 200 where installed (login case-insensitive), else 404", async () => {
    const sim = await start();
    sim.addOrg("globex");
    const jwt = bearer(appJwt(keys));
    const acme = await send(recorder, sim, "GET", "/orgs/ACME/installation", jwt);
    expect(acme.status).toBe(200);
    expect(acme.body).toMatchObject({
      id: 4242,
      app_id: 1234,
      account: { login: "acme" },
      target_type: "Organization",
    });
    expect((await send(recorder, sim, "GET", "/orgs/globex/installation", jwt)).status).toBe(404);
    expect((await send(recorder, sim, "GET", "/orgs/initech/installation", jwt)).status).toBe(404);
    expect((await send(recorder, sim, "GET", "/orgs/acme/installation", pat("ghp_readwrite"))).status).toBe(401);
  });

  it("creates installation tokens that last one hour of simulator time", async () => {
    let clock = new Date("2026-11-20T10:00:00Z");
    const sim = await start({ now: () => clock });
    const jwt = bearer(appJwt(keys, {}, { at: clock }));
    const created = await send(recorder, sim, "POST", "/app/installations/4242/access_tokens", jwt);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      token: expect.stringMatching(/^ghs_[A-Za-z0-9]{36}$/),
      expires_at: "2026-11-20T11:00:00Z",
      permissions: { metadata: "read", packages: "write" },
      repository_selection: "all",
    });
    const token: string = created.body.token;
    expect(
      (await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", { authorization: `token ${token}` })).status,
    ).toBe(200);
    expect((await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", bearer(token))).status).toBe(200);
    clock = new Date("2026-11-20T11:00:00Z");
    const expired = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", bearer(token));
    expect([expired.status, expired.body.message]).toEqual([401, "Bad credentials"]);
    expect(sim.calls.map((c) => c.auth)).toEqual(["jwt", "installation", "installation", "invalid"]);
  });

  it("checks the installation id and the requested permissions", async () => {
    const sim = await start();
    const post = (path: string, body?: string) => send(recorder, sim, "POST", path, bearer(appJwt(keys)), body);
    expect((await post("/app/installations/999/access_tokens")).status).toBe(404);
    expect((await post("/app/installations/first/access_tokens")).status).toBe(422);
    const narrowed = await post(
      "/app/installations/4242/access_tokens",
      JSON.stringify({ permissions: { packages: "read" } }),
    );
    expect([narrowed.status, narrowed.body.permissions]).toEqual([201, { packages: "read" }]);
    const wider = await post(
      "/app/installations/4242/access_tokens",
      JSON.stringify({ permissions: { administration: "write" } }),
    );
    expect([wider.status, wider.body.message]).toEqual([
      422,
      "The permissions requested are not granted to this installation.",
    ]);
    const broken = await post("/app/installations/4242/access_tokens", "{");
    expect([broken.status, broken.body.message]).toEqual([400, "Problems parsing JSON"]);
  });

  it("works with @octokit/auth-app: token from the JWT, then restore with the token", async () => {
    const sim = await start();
    const octokit = appClient(sim, recorder, keys, 4242);
    const res = await octokit.rest.packages.restorePackageForOrg({
      org: "acme",
      package_type: "container",
      package_name: "team/app",
    });
    expect(res.status).toBe(204);
    expect(sim.calls.map((c) => [c.operationId, c.auth, c.status])).toEqual([
      ["apps/create-installation-access-token", "jwt", 201],
      ["packages/restore-package-for-org", "installation", 204],
    ]);
    expect(sim.restoreCalls()[0]?.rawPath).toBe("/orgs/acme/packages/container/team%2Fapp/restore");
    expect(sim.packages("acme").find((p) => p.name === "team/app")?.deletedAt).toBeUndefined();
  });

  it("lets @octokit/auth-app correct clock skew from the Date header", async () => {
    const sim = await start({ now: () => new Date(Date.now() + 3_600_000) });
    const log: Logged = { warnings: [] };
    const octokit = appClient(sim, recorder, keys, 4242, log);
    await octokit.rest.packages.restorePackageForOrg({ org: "acme", package_type: "npm", package_name: "left-pad" });
    expect(sim.calls.map((c) => c.status)).toEqual([401, 201, 204]);
    expect(log.warnings.join("\n")).toMatch(/time are different by 3(599|600|601) seconds/);
  });
});

describe("installation tokens on package endpoints", () => {
  async function tokenFor(sim: Awaited<ReturnType<typeof start>>, installationId: number): Promise<string> {
    const res = await send(
      recorder,
      sim,
      "POST",
      `/app/installations/${installationId}/access_tokens`,
      bearer(appJwt(keys)),
    );
    return res.body.token as string;
  }

  it("follow appTokensOnPackages: allowed, not_found (GitHub today) or forbidden", async () => {
    const sim = await start();
    const token = bearer(await tokenFor(sim, 4242));
    const restore = () => send(recorder, sim, "POST", "/orgs/acme/packages/npm/left-pad/restore", token);
    expect(sim.appTokensOnPackages).toBe("allowed");
    sim.appTokensOnPackages = "not_found";
    const notFound = await restore();
    expect([notFound.status, notFound.body.message]).toEqual([404, "Package not found."]);
    sim.appTokensOnPackages = "forbidden";
    const forbidden = await restore();
    expect([forbidden.status, forbidden.body.message]).toEqual([403, "Resource not accessible by integration"]);
    expect(sim.packages("acme").find((p) => p.name === "left-pad")?.deletedAt).toBeInstanceOf(Date);
    sim.appTokensOnPackages = "allowed";
    expect((await restore()).status).toBe(204);
    expect(() => {
      sim.appTokensOnPackages = "maybe" as never;
    }).toThrow(/appTokensOnPackages/);
    const strict = await start({ appTokensOnPackages: "not_found" });
    expect(strict.appTokensOnPackages).toBe("not_found");
  });

  it("reach only their own org's packages, and an App JWT reaches none", async () => {
    const sim = await start();
    sim.addOrg("globex", { installationId: 77 });
    sim.addPackage("globex", { type: "npm", name: "gizmo" });
    const acmeToken = bearer(await tokenFor(sim, 4242));
    const globexToken = bearer(await tokenFor(sim, 77));
    expect((await send(recorder, sim, "GET", "/orgs/globex/packages/npm/gizmo", acmeToken)).status).toBe(404);
    expect((await send(recorder, sim, "GET", "/orgs/globex/packages/npm/gizmo", globexToken)).status).toBe(200);
    const jwt = await send(recorder, sim, "GET", "/orgs/globex/packages/npm/gizmo", bearer(appJwt(keys)));
    expect([jwt.status, jwt.body.message, sim.calls.at(-1)?.auth]).toEqual([401, "Bad credentials", "jwt"]);
  });

  it("all stop working after expireInstallationTokens(); new ones work", async () => {
    const sim = await start();
    const old = [await tokenFor(sim, 4242), await tokenFor(sim, 4242)];
    sim.expireInstallationTokens();
    for (const token of old) {
      const res = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", bearer(token));
      expect([res.status, res.body.message]).toEqual([401, "Bad credentials"]);
    }
    expect(
      (await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", bearer(await tokenFor(sim, 4242)))).status,
    ).toBe(200);
  });
});
