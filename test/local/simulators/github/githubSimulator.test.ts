/** The GitHub simulator itself: routing, parameters, headers, faults, spec conformance. */
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { conformanceProblems } from "../../../../local/simulators/github/conformance.js";
import { SPEC_FILE } from "../../../../local/simulators/github/openapi.js";
import { checkSchema } from "../../../../local/simulators/github/schemaCheck.js";
import { appJwt, generateAppKeys, pat, send, useSimulators } from "./testSupport.js";

const keys = generateAppKeys();
const { recorder, start } = useSimulators(keys);
const GENERIC_404 = { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

afterAll(() => {
  // Every test's responses were checked against the description in afterEach; make sure there were many.
  expect(recorder.checked).toBeGreaterThan(40);
});

describe("routing", () => {
  it("matches a {param} on one raw segment and decodes it after matching: team%2Fapp is team/app", async () => {
    const sim = await start();
    const res = await recorder.raw(
      sim.url,
      "POST",
      "/orgs/acme/packages/container/team%2Fapp/restore",
      pat("ghp_readwrite"),
    );
    expect(res.status).toBe(204);
    expect(sim.restoreCalls()).toEqual([
      expect.objectContaining({
        rawPath: "/orgs/acme/packages/container/team%2Fapp/restore",
        params: { org: "acme", package_type: "container", package_name: "team/app" },
        operationId: "packages/restore-package-for-org",
      }),
    ]);
    const unencoded = await recorder.raw(sim.url, "GET", "/orgs/acme/packages/container/web/api", pat("ghp_readonly"));
    expect([unencoded.status, unencoded.json()]).toEqual([404, GENERIC_404]);
  });

  it("never lets dot segments reach another route", async () => {
    const sim = await start();
    const before = sim.packages("acme");
    for (const path of [
      "/orgs/acme/packages/npm/../../user",
      "/orgs/acme/packages/npm/left-pad/../restore",
      "/orgs/acme/packages/npm/%2e%2e/restore",
      "/orgs/acme/packages/npm/./left-pad/restore",
      "/app/../orgs/acme/installation",
    ]) {
      const res = await recorder.raw(sim.url, "POST", path, pat("ghp_readwrite"));
      expect([path, res.status, res.json()]).toEqual([path, 404, GENERIC_404]);
      expect(sim.calls.at(-1)).toMatchObject({ rawPath: path, operationId: null, params: {}, status: 404 });
    }
    expect(sim.packages("acme")).toEqual(before);
  });

  it("delivers any package name through encodeURIComponent unchanged", async () => {
    const sim = await start();
    const name = fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter((n) => n !== "." && n !== "..");
    await fc.assert(
      fc.asyncProperty(name, async (packageName) => {
        const path = `/orgs/acme/packages/npm/${encodeURIComponent(packageName)}`;
        const res = await recorder.raw(sim.url, "GET", path, pat("ghp_readonly"));
        expect(sim.calls.at(-1)).toMatchObject({
          operationId: "packages/get-package-for-organization",
          params: { package_name: packageName },
        });
        expect(res.status).toBe(packageName === "web-ui" ? 200 : 404);
      }),
      { numRuns: 40 },
    );
  });

  it("answers GitHub's generic 404 for unknown paths and for methods a path does not have", async () => {
    const sim = await start();
    const jwt = bearer(appJwt(keys));
    for (const [method, path] of [
      ["GET", "/nope"],
      ["PUT", "/app"],
      ["GET", "/app/"],
      ["GET", "/orgs/acme/packages/npm/left-pad/restore"],
      ["DELETE", "/orgs/acme/packages/npm/left-pad/versions/7200/restore"],
    ] as const) {
      const res = await send(recorder, sim, method, path, jwt);
      expect([method, path, res.status, res.body]).toEqual([method, path, 404, GENERIC_404]);
    }
    expect(sim.calls.map((c) => c.operationId)).toEqual([null, null, null, null, null]);
  });

  it("validates path and query parameters against the description (422 Validation Failed)", async () => {
    const sim = await start();
    const base = "/orgs/acme/packages/npm/web-ui";
    const cases = [
      ["POST", "/orgs/acme/packages/pip/left-pad/restore", "package_type", "pip"],
      ["GET", `${base}/versions/latest`, "package_version_id", "latest"],
      ["GET", `${base}/versions?state=purged`, "state", "purged"],
      ["GET", `${base}/versions?per_page=ten`, "per_page", "ten"],
      ["GET", `${base}/versions?page=0`, "page", undefined],
    ] as const;
    for (const [method, path, field, value] of cases) {
      const res = await send(recorder, sim, method, path, pat("ghp_readwrite"));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ message: "Validation Failed", status: "422" });
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field, code: "invalid", ...(value ? { value } : {}) }),
      ]);
    }
  });

  it("sends a unique GitHub-style request id, rate-limit headers and a Date from the simulator clock", async () => {
    const clock = new Date("2026-11-20T10:00:00Z");
    const sim = await start({ now: () => clock });
    const first = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", pat("ghp_readonly"));
    const second = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", pat("ghp_readonly"));
    const anonymous = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui");
    const ids = [first, second, anonymous].map((r) => r.headers.get("x-github-request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{4}(?::[0-9A-F]{5,8}){4}$/);
    expect(new Set(ids).size).toBe(3);
    expect([first, second, anonymous].map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual([
      "4999",
      "4998",
      "59",
    ]);
    expect(first.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBe(clock.getTime() / 1000 + 3600);
    expect(first.headers.get("date")).toBe(clock.toUTCString());
  });
});

describe("conformance checking", () => {
  const sharedSpec = new URL("../../../../../shared/reference/github-rest-subset.json", import.meta.url);
  it.skipIf(!existsSync(sharedSpec))(
    "routes from a byte-identical copy of shared/reference/github-rest-subset.json",
    () => {
      expect(readFileSync(SPEC_FILE).equals(readFileSync(sharedSpec))).toBe(true);
    },
  );

  it("flags bodies that do not match the description", () => {
    const problems = (operationId: string | null, status: number, body: unknown) =>
      conformanceProblems({
        operationId,
        status,
        body: body === undefined ? "" : JSON.stringify(body),
        contentType: "application/json",
      });
    expect(problems("packages/get-package-for-organization", 200, { id: "7", package_type: "pypi" })).toEqual(
      expect.arrayContaining([
        expect.stringContaining("missing required property name"),
        expect.stringContaining("$.id: expected integer"),
        expect.stringContaining("not in enum"),
      ]),
    );
    expect(
      problems("packages/restore-package-for-org", 404, {
        message: "Package not found.",
        documentation_url: "x",
        status: 404,
      }),
    ).toEqual([
      expect.stringContaining("$.status: expected string"),
      expect.stringContaining('error status field 404 != "404"'),
    ]);
    expect(problems("packages/restore-package-for-org", 204, { message: "ok" })).toHaveLength(1);
    expect(
      problems("packages/restore-package-for-org", 418, { message: "teapot", documentation_url: "x", status: "418" }),
    ).toHaveLength(1);
    expect(problems(null, 404, { message: "Not found", documentation_url: "x", status: "404" })).toHaveLength(1);
  });

  it("implements nullable, oneOf, anyOf and formats", () => {
    const oneOf = { oneOf: [{ type: "string" }, { type: "string", enum: ["a"] }] };
    expect(checkSchema(oneOf, "a")).toEqual(["$: matches 2 of oneOf, expected exactly 1"]);
    expect(checkSchema(oneOf, "b")).toEqual([]);
    expect(checkSchema({ anyOf: [{ type: "integer" }] }, "x")).toEqual(["$: matches none of anyOf"]);
    expect(checkSchema({ type: "string" }, null)).toEqual(["$: null is not allowed"]);
    expect(checkSchema({ type: "string", nullable: true }, null)).toEqual([]);
    expect(checkSchema({ type: "string", format: "date-time" }, "2026-11-20")).toHaveLength(1);
    expect(checkSchema({ type: "array", items: { type: "integer" } }, [1, 2.5])).toEqual([
      "$[1]: expected integer, got 2.5",
    ]);
  });
});

describe("faults", () => {
  it("answer the next N authenticated calls to the operation, then normal behaviour resumes", async () => {
    const sim = await start();
    sim.failNext("packages/restore-package-for-org", { status: 503, headers: { "retry-after": "7" } }, 2);
    const restore = (headers: Record<string, string>) =>
      send(recorder, sim, "POST", "/orgs/acme/packages/npm/left-pad/restore", headers);
    expect((await restore({})).status).toBe(401); // refused before the fault: not consumed
    for (let i = 0; i < 2; i++) {
      const res = await restore(pat("ghp_readwrite"));
      expect([res.status, res.body.message, res.headers.get("retry-after")]).toEqual([503, "Service Unavailable", "7"]);
    }
    expect((await restore(pat("ghp_readwrite"))).status).toBe(204);
    sim.failNext("packages/get-package-for-organization", { status: 500, message: "boom" });
    const boom = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/left-pad", pat("ghp_readonly"));
    expect([boom.status, boom.body.message]).toEqual([500, "boom"]);
    expect(sim.calls.map((c) => c.status)).toEqual([401, 503, 503, 204, 500]);
  });

  it("can delay the answer, and close() does not wait for it", async () => {
    const sim = await start();
    sim.failNext("packages/get-package-for-organization", { status: 502, delayMs: 250 });
    const started = Date.now();
    const slow = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", pat("ghp_readonly"));
    expect(slow.status).toBe(502);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    sim.failNext("packages/get-package-for-organization", { status: 502, delayMs: 10_000 });
    const pending = fetch(`${sim.url}/orgs/acme/packages/npm/web-ui`, { headers: pat("ghp_readonly") });
    await new Promise((r) => setTimeout(r, 50));
    const closing = Date.now();
    await sim.close();
    expect(Date.now() - closing).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });

  it("can act and then answer the fault: the package is restored although the answer is a 502", async () => {
    const sim = await start();
    sim.failNext("packages/restore-package-for-org", { status: 502, acts: true });
    const res = await send(recorder, sim, "POST", "/orgs/acme/packages/npm/left-pad/restore", pat("ghp_readwrite"));
    expect(res.status).toBe(502);
    expect(res.body).toEqual({
      message: "Bad Gateway",
      documentation_url: expect.stringContaining("docs.github.com"),
      status: "502",
    });
    expect(sim.packages("acme").find((p) => p.name === "left-pad")?.deletedAt).toBeUndefined();
    // A fault that does not act leaves the package as it was.
    sim.failNext("packages/restore-package-version-for-org", { status: 502 });
    await send(recorder, sim, "POST", "/orgs/acme/packages/npm/web-ui/versions/7303/restore", pat("ghp_readwrite"));
    expect(
      sim
        .packages("acme")
        .find((p) => p.name === "web-ui")
        ?.versions?.find((v) => v.id === 7303)?.deletedAt,
    ).toBeDefined();
  });

  it("can act and answer too late for the client, which sees no answer", async () => {
    const sim = await start();
    sim.failNext("packages/restore-package-version-for-org", { status: 504, acts: true, delayMs: 2000 });
    const late = fetch(`${sim.url}/orgs/acme/packages/npm/web-ui/versions/7303/restore`, {
      method: "POST",
      headers: pat("ghp_readwrite"),
      signal: AbortSignal.timeout(100),
    });
    await expect(late).rejects.toThrow();
    expect(
      sim
        .packages("acme")
        .find((p) => p.name === "web-ui")
        ?.versions?.find((v) => v.id === 7303)?.deletedAt,
    ).toBeUndefined();
  });

  it("answers front-end refusals (406, 413, 415) and token-creation refusals in GitHub's error shape", async () => {
    const sim = await start();
    sim.failNext("packages/get-package-for-organization", { status: 406 });
    const refused = await send(recorder, sim, "GET", "/orgs/acme/packages/npm/web-ui", pat("ghp_readonly"));
    expect([refused.status, refused.body.message, refused.body.status]).toEqual([406, "Not Acceptable", "406"]);
    sim.failNext("apps/create-installation-access-token", {
      status: 422,
      message: "This installation's permissions do not allow it.",
    });
    sim.failNext("apps/create-installation-access-token", {
      status: 403,
      message: "This installation has been suspended",
    });
    const create = () => send(recorder, sim, "POST", "/app/installations/4242/access_tokens", bearer(appJwt(keys)));
    expect([(await create()).status, (await create()).status, (await create()).status]).toEqual([422, 403, 201]);
  });

  it("rejects unknown operations and bad counts; reset() clears calls and faults only", async () => {
    const sim = await start();
    expect(() => sim.failNext("packages/restore", { status: 500 })).toThrow(/unknown operationId/);
    expect(() => sim.failNext("packages/restore-package-for-org", { status: 500 }, 0)).toThrow(/times/);
    expect(() => sim.failNext("packages/restore-package-for-org", { status: 204 })).toThrow(/4xx or 5xx/);
    sim.failNext("packages/restore-package-for-org", { status: 500 });
    await send(recorder, sim, "GET", "/app", bearer(appJwt(keys)));
    sim.reset();
    expect(sim.calls).toEqual([]);
    expect(
      (await send(recorder, sim, "POST", "/orgs/acme/packages/npm/left-pad/restore", pat("ghp_readwrite"))).status,
    ).toBe(204);
    expect(sim.packages("acme")).toHaveLength(9);
  });
});
