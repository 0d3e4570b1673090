/** The GitHub simulator's package endpoints: restore outcomes, PAT scopes, versions, pagination. */
import { afterAll, describe, expect, it } from "vitest";
import type { GitHubSimulator, SimPackageVersion } from "../../../../local/simulators/github/startGitHubSimulator.js";
import { generateAppKeys, pat, patClient, send, useSimulators } from "./testSupport.js";

const keys = generateAppKeys();
const { recorder, start } = useSimulators(keys);
const DAY_MS = 24 * 60 * 60 * 1000;

/** Calls octokit.rest.packages.restorePackageForOrg; answers the status and GitHub's message. */
async function restore(
  sim: GitHubSimulator,
  packageType: string,
  packageName: string,
  token?: string,
  credential = "ghp_readwrite",
) {
  const octokit = patClient(sim, recorder, credential);
  try {
    const res = await octokit.rest.packages.restorePackageForOrg({
      org: "acme",
      package_type: packageType as "npm",
      package_name: packageName,
      ...(token === undefined ? {} : { token }),
    });
    return { status: res.status as number, message: undefined };
  } catch (error) {
    const { status, response } = error as { status: number; response?: { data?: { message?: string } } };
    return { status, message: response?.data?.message };
  }
}

const state = (sim: GitHubSimulator, type: string, name: string) =>
  sim
    .packages("acme")
    .filter((p) => p.type === type && p.name === name)
    .map((p) => (p.deletedAt ? `deleted${p.token ? `:${p.token}` : ""}` : "active"));

afterAll(() => {
  // Every test's responses were checked against the description in afterEach; make sure there were many.
  expect(recorder.checked).toBeGreaterThan(30);
});

describe("seedExampleOrg and state setup", () => {
  it("refuses invalid org logins, unknown orgs and a second active package with the same name", async () => {
    const sim = await start();
    for (const login of ["-acme", "acme-", "ac--me", "a".repeat(40), "ac_me"])
      expect(() => sim.addOrg(login)).toThrow(/invalid org login/);
    expect(() => sim.addPackage("initech", { type: "npm", name: "x" })).toThrow(/unknown org/);
    expect(() => sim.addPackage("ACME", { type: "npm", name: "web-ui" })).toThrow(/already has an active/);
    expect(() => sim.addOrg("globex", { installationId: 4242 })).toThrow(/already belongs/);
    const copy = sim.packages("acme")[0];
    if (copy) copy.deletedAt = undefined;
    expect(sim.packages("acme")[0]?.deletedAt).toBeInstanceOf(Date);
  });

  it("adds acme with one package for each restore outcome", async () => {
    const sim = await start();
    const now = Date.now();
    const summary = sim
      .packages("acme")
      .map((p) => [
        p.type,
        p.name,
        p.deletedAt ? Math.round((now - p.deletedAt.getTime()) / DAY_MS) : "active",
        p.token ?? null,
      ]);
    expect(summary).toEqual([
      ["container", "team/app", 2, null],
      ["npm", "left-pad", 5, null],
      ["npm", "web-ui", "active", null],
      ["container", "web/api", "active", null],
      ["container", "old/tool", 45, null],
      ["npm", "reused", 3, null],
      ["npm", "reused", "active", null],
      ["maven", "com.acme.lib", 4, "lib-2025"],
      ["maven", "com.acme.lib", 12, "lib-2024"],
    ]);
  });
});

describe("restore a package (octokit.rest.packages.restorePackageForOrg)", () => {
  it("204 makes a deleted package active; restoring it again is 404", async () => {
    const sim = await start();
    expect(await restore(sim, "npm", "left-pad")).toEqual({ status: 204, message: undefined });
    expect(state(sim, "npm", "left-pad")).toEqual(["active"]);
    expect(await restore(sim, "npm", "left-pad")).toEqual({ status: 404, message: "Package not found." });
  });

  it("404 Package not found for unknown, active, too old, other-type and other-org packages", async () => {
    const sim = await start();
    for (const [type, name] of [
      ["npm", "nope"],
      ["npm", "web-ui"],
      ["container", "old/tool"],
      ["container", "left-pad"],
    ]) {
      expect([type, name, await restore(sim, type as string, name as string)]).toEqual([
        type,
        name,
        { status: 404, message: "Package not found." },
      ]);
    }
    const otherOrg = await send(
      recorder,
      sim,
      "POST",
      "/orgs/initech/packages/npm/left-pad/restore",
      pat("ghp_readwrite"),
    );
    expect([otherOrg.status, otherOrg.body.message]).toEqual([404, "Package not found."]);
    expect(state(sim, "container", "old/tool")).toEqual(["deleted"]);
  });

  it("restores within GitHub's 30-day window and not a second later", async () => {
    const clock = new Date("2026-11-20T10:00:00Z");
    const sim = await start({ now: () => clock });
    sim.addPackage("acme", { type: "nuget", name: "edge", deletedAt: new Date(clock.getTime() - 30 * DAY_MS) });
    sim.addPackage("acme", { type: "nuget", name: "gone", deletedAt: new Date(clock.getTime() - 30 * DAY_MS - 1000) });
    expect((await restore(sim, "nuget", "gone")).status).toBe(404);
    expect((await restore(sim, "nuget", "edge")).status).toBe(204);
  });

  it("409 while an active package uses the name; nothing changes", async () => {
    const sim = await start();
    const res = await restore(sim, "npm", "reused");
    expect(res.status).toBe(409);
    expect(res.message).toMatch(/active package already uses this name/);
    expect(state(sim, "npm", "reused")).toEqual(["deleted", "active"]);
  });

  it("409 when several deleted packages match and no or an unknown token is given; a token picks one", async () => {
    const sim = await start();
    for (const token of [undefined, "lib-1999"]) {
      const res = await restore(sim, "maven", "com.acme.lib", token);
      expect(res.status).toBe(409);
      expect(res.message).toMatch(/package token is required/);
    }
    expect(await restore(sim, "maven", "com.acme.lib", "lib-2024")).toEqual({ status: 204, message: undefined });
    expect(state(sim, "maven", "com.acme.lib")).toEqual(["deleted:lib-2025", "active"]);
    expect(sim.restoreCalls().map((c) => [c.query, c.status])).toEqual([
      [{}, 409],
      [{ token: "lib-1999" }, 409],
      [{ token: "lib-2024" }, 204],
    ]);
  });

  it("ignores a token sent in the body: it must be the ?token= query parameter", async () => {
    const sim = await start();
    const octokit = patClient(sim, recorder, "ghp_readwrite");
    // Without {?token} in the route, Octokit puts `token` in a JSON body (see platform-facts).
    const wrong = octokit.request("POST /orgs/{org}/packages/{package_type}/{package_name}/restore", {
      org: "acme",
      package_type: "maven",
      package_name: "com.acme.lib",
      token: "lib-2024",
    });
    await expect(wrong).rejects.toMatchObject({ status: 409 });
    expect(sim.restoreCalls()[0]?.query).toEqual({});
  });

  it("422 for a package type outside the description's enum", async () => {
    const sim = await start();
    const res = await restore(sim, "pypi", "left-pad");
    expect(res).toEqual({ status: 422, message: "Validation Failed" });
  });

  it("401 without credentials or with an unknown or malformed one", async () => {
    const sim = await start();
    const path = "/orgs/acme/packages/npm/left-pad/restore";
    const cases: [Record<string, string>, string, string][] = [
      [{}, "Requires authentication", "none"],
      [{ authorization: "token ghp_unknown" }, "Bad credentials", "invalid"],
      [{ authorization: "Basic dXNlcjpwYXNz" }, "Bad credentials", "invalid"],
    ];
    for (const [headers, message, auth] of cases) {
      const res = await send(recorder, sim, "POST", path, headers);
      expect([res.status, res.body.message, sim.calls.at(-1)?.auth]).toEqual([401, message, auth]);
    }
    expect(state(sim, "npm", "left-pad")).toEqual(["deleted"]);
  });
});

describe("classic PAT scopes", () => {
  it("restore needs read:packages and write:packages; reading needs read:packages", async () => {
    const sim = await start();
    for (const credential of ["ghp_readonly", "ghp_writeonly"]) {
      const res = await restore(sim, "npm", "left-pad", undefined, credential);
      expect(res).toEqual({
        status: 403,
        message: "You need at least write:packages and read:packages scopes to restore packages.",
      });
    }
    const read = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", pat("ghp_readonly"));
    expect([read.status, read.headers.get("x-oauth-scopes"), read.headers.get("x-accepted-oauth-scopes")]).toEqual([
      200,
      "read:packages",
      "read:packages",
    ]);
    const denied = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", pat("ghp_writeonly"));
    expect(denied.status).toBe(403);
    expect((await restore(sim, "npm", "left-pad", undefined, "ghp_readwrite")).status).toBe(204);
  });

  it("delete needs delete:packages; a deleted package can then be restored", async () => {
    const sim = await start();
    const path = "/orgs/acme/packages/npm/web-ui";
    expect((await send(recorder, sim, "DELETE", path, pat("ghp_readwrite"))).status).toBe(403);
    expect((await send(recorder, sim, "DELETE", path, pat("ghp_delete"))).status).toBe(204);
    expect((await send(recorder, sim, "GET", path, pat("ghp_delete"))).status).toBe(404);
    expect((await send(recorder, sim, "DELETE", path, pat("ghp_delete"))).status).toBe(404);
    expect(await restore(sim, "npm", "web-ui")).toEqual({ status: 204, message: undefined });
    expect((await send(recorder, sim, "GET", path, pat("ghp_readonly"))).body).toMatchObject({
      name: "web-ui",
      version_count: 2,
    });
  });
});

describe("package and versions", () => {
  it("GET package answers the spec's package shape for active packages only", async () => {
    const sim = await start();
    const res = await send(recorder, sim, "GET", "/orgs/acme/packages/container/web%2Fapi", pat("ghp_readonly"));
    expect(res.body).toMatchObject({
      name: "web/api",
      package_type: "container",
      version_count: 1,
      url: `${sim.url}/orgs/acme/packages/container/web%2Fapi`,
      html_url: "https://github.com/orgs/acme/packages/container/package/web%2Fapi",
      owner: { login: "acme", type: "Organization" },
    });
    expect(
      (await send(recorder, sim, "GET", "/orgs/acme/packages/container/team%2Fapp", pat("ghp_readonly"))).status,
    ).toBe(404);
  });

  it("lists active or deleted versions, newest first, with container tags and deleted_at", async () => {
    const sim = await start();
    const list = async (query: string) =>
      (
        await send(
          recorder,
          sim,
          "GET",
          `/orgs/acme/packages/container/web%2Fapi/versions${query}`,
          pat("ghp_readonly"),
        )
      ).body;
    const active = await list("");
    expect(active).toEqual([
      expect.objectContaining({
        id: 7403,
        metadata: { package_type: "container", container: { tags: ["3.0.0", "latest"] } },
      }),
    ]);
    expect(active[0]).not.toHaveProperty("deleted_at");
    const deleted = await list("?state=deleted");
    expect(deleted.map((v: { id: number }) => v.id)).toEqual([7402, 7401]);
    expect(deleted[0]).toMatchObject({
      deleted_at: expect.stringMatching(/Z$/),
      metadata: { container: { tags: ["2.9.1"] } },
    });
    const one = await send(
      recorder,
      sim,
      "GET",
      "/orgs/acme/packages/container/web%2Fapi/versions/7402",
      pat("ghp_readonly"),
    );
    expect(one.body).toEqual(deleted[0]);
    expect(
      (await send(recorder, sim, "GET", "/orgs/acme/packages/container/web%2Fapi/versions/1", pat("ghp_readonly")))
        .status,
    ).toBe(404);
    expect(
      (await send(recorder, sim, "GET", "/orgs/acme/packages/container/team%2Fapp/versions", pat("ghp_readonly")))
        .status,
    ).toBe(404);
  });

  it("paginates with page/per_page (default 30, max 100) and GitHub's Link header", async () => {
    const sim = await start();
    const versions: SimPackageVersion[] = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, name: `0.0.${i + 1}` }));
    sim.addPackage("acme", { type: "npm", name: "many", versions });
    const base = "/orgs/acme/packages/npm/many/versions";
    const page = (query: string) => send(recorder, sim, "GET", `${base}${query}`, pat("ghp_readonly"));
    expect((await page("")).body).toHaveLength(30);
    expect((await page("?per_page=500")).body).toHaveLength(100);
    const link = (await page("?per_page=40&page=2")).headers.get("link");
    expect(link).toBe(
      [
        `<${sim.url}${base}?per_page=40&page=1>; rel="prev"`,
        `<${sim.url}${base}?per_page=40&page=3>; rel="next"`,
        `<${sim.url}${base}?per_page=40&page=4>; rel="last"`,
        `<${sim.url}${base}?per_page=40&page=1>; rel="first"`,
      ].join(", "),
    );
    const ids: number[] = [];
    let next: string | undefined = `${base}?per_page=40`;
    while (next) {
      const res = await page(next.slice(base.length));
      ids.push(...res.body.map((v: { id: number }) => v.id));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1]?.slice(sim.url.length);
    }
    expect(ids).toEqual(versions.map((v) => v.id).reverse());
    const beyond = await page("?page=9");
    expect([beyond.status, beyond.body, beyond.headers.get("link")]).toEqual([
      200,
      [],
      expect.stringContaining('rel="prev"'),
    ]);
  });

  it("restores a deleted version (204); active, too old or unknown versions are 404", async () => {
    const sim = await start();
    const octokit = patClient(sim, recorder, "ghp_readwrite");
    const restoreVersion = (id: number) =>
      octokit.rest.packages
        .restorePackageVersionForOrg({
          org: "acme",
          package_type: "npm",
          package_name: "web-ui",
          package_version_id: id,
        })
        .then(
          (r) => r.status as number,
          (e: { status: number }) => e.status,
        );
    expect(await restoreVersion(7303)).toBe(204);
    expect(await restoreVersion(7303)).toBe(404);
    expect(await restoreVersion(7305)).toBe(404);
    expect(await restoreVersion(7301)).toBe(404);
    expect(await restoreVersion(9999)).toBe(404);
    const active = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui/versions", pat("ghp_readonly"));
    expect(active.body.map((v: { id: number }) => v.id)).toEqual([7305, 7304, 7303]);
    expect(sim.restoreCalls().map((c) => [c.operationId, c.params.package_version_id, c.status])).toEqual([
      ["packages/restore-package-version-for-org", "7303", 204],
      ["packages/restore-package-version-for-org", "7303", 404],
      ["packages/restore-package-version-for-org", "7305", 404],
      ["packages/restore-package-version-for-org", "7301", 404],
      ["packages/restore-package-version-for-org", "9999", 404],
    ]);
  });
});
