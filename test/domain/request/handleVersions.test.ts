// `/restore-package versions …` in the domain: what is offered, page by page, and to whom.
import { describe, expect, it } from "vitest";
import { handleVersions, VERSIONS_PAGE_SIZE } from "../../../src/domain/request/handleVersions.js";
import type { DeletedVersion } from "../../../src/domain/ports/packageRestorer.js";
import { START, TEAM, REQUESTER, deps, fakeGitHub, textOf } from "./flowFakes.js";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.parse(START) - days * DAY).toISOString();
const asker = { teamId: TEAM, userId: REQUESTER };
const webUi = { org: "acme", packageType: "npm" as const, packageName: "web-ui" };
const image = { org: "acme", packageType: "container" as const, packageName: "team/app" };

function npmVersions(count: number): DeletedVersion[] {
  return Array.from({ length: count }, (_, index) => ({
    id: 8000 - index,
    name: `1.0.${count - index}`,
    tags: [],
    deletedAt: ago(1),
  }));
}

describe("handleVersions", () => {
  it("offers the first 20 deleted versions, newest first, each with the command its button runs, and the next page", async () => {
    const d = deps();
    d.github.deletedList = npmVersions(25);
    await handleVersions({ asker, pkg: webUi, page: 1 }, d);

    expect(d.github.pageCalls).toEqual([{ pkg: webUi, page: 1, perPage: VERSIONS_PAGE_SIZE }]);
    expect(d.chat.told).toEqual([]);
    const [offer] = d.chat.offers;
    if (offer?.kind !== "versions") throw new Error("expected a listing");
    expect(offer.versions).toHaveLength(20);
    expect(offer.versions[0]).toEqual({
      id: 8000,
      label: "1.0.25",
      deletedAt: ago(1),
      command: "acme npm web-ui version=8000",
    });
    expect(offer.versions.map((version) => version.id)).toEqual(
      npmVersions(25)
        .slice(0, 20)
        .map((version) => version.id),
    );
    expect(offer).toMatchObject({ page: 1, lastPage: 2, nextPageCommand: "versions acme npm web-ui 2" });
  });

  it("offers the rest on page 2, with no next page", async () => {
    const d = deps();
    d.github.deletedList = npmVersions(25);
    await handleVersions({ asker, pkg: webUi, page: 2 }, d);
    const [offer] = d.chat.offers;
    if (offer?.kind !== "versions") throw new Error("expected a listing");
    expect(offer.versions.map((version) => version.label)).toEqual(["1.0.5", "1.0.4", "1.0.3", "1.0.2", "1.0.1"]);
    expect(offer.nextPageCommand).toBeUndefined();
    expect(offer.lastPage).toBe(2);
  });

  it("labels images by their tags, or a short digest, and offers no button past GitHub's 30 days", async () => {
    const d = deps();
    d.github.deletedList = [
      { id: 7402, name: `sha256:${"a".repeat(64)}`, tags: ["2.9.1"], deletedAt: ago(2) },
      { id: 7401, name: `sha256:${"b".repeat(64)}`, tags: [], deletedAt: ago(31) },
    ];
    await handleVersions({ asker, pkg: image, page: 1 }, d);
    const [offer] = d.chat.offers;
    if (offer?.kind !== "versions") throw new Error("expected a listing");
    expect(offer.versions).toEqual([
      { id: 7402, label: "2.9.1", deletedAt: ago(2), command: "acme container team/app version=7402" },
      { id: 7401, label: "sha256:bbbbbbbbbbbb", deletedAt: ago(31) },
    ]);
  });

  it("offers the package restore when the package itself is deleted", async () => {
    const d = deps();
    d.github.deletedList = { kind: "package_deleted" };
    await handleVersions({ asker, pkg: image, page: 1 }, d);
    expect(d.chat.offers).toEqual([{ kind: "package_deleted", package: image, command: "acme container team/app" }]);
  });

  it("adds, in App mode, that GitHub's 404 may be its refusal of the App token", async () => {
    const github = fakeGitHub();
    github.authMode = "app";
    github.deletedList = { kind: "package_deleted" };
    const d = deps({ github });
    await handleVersions({ asker, pkg: image, page: 1 }, d);
    expect(d.chat.offers[0]).toMatchObject({
      kind: "package_deleted",
      caveat: expect.stringContaining("GitHub App token"),
    });
  });

  it("says so when there are no deleted versions, or no such page", async () => {
    const d = deps();
    await handleVersions({ asker, pkg: webUi, page: 1 }, d);
    d.github.deletedList = npmVersions(3);
    await handleVersions({ asker, pkg: webUi, page: 4 }, d);
    expect(d.chat.told.map(textOf)).toEqual([
      "GitHub lists no deleted versions of the npm package `web-ui` in acme.",
      "There is no page 4 of deleted versions of the npm package `web-ui` in acme. Ask for `/restore-package versions acme npm web-ui` to start at the first.",
    ]);
    expect(d.chat.offers).toEqual([]);
  });

  it("names the configured command when pointing back to the first page", async () => {
    const d = deps({ command: "/pkg-staging" });
    d.github.deletedList = npmVersions(3);
    await handleVersions({ asker, pkg: webUi, page: 4 }, d);
    expect(textOf(d.chat.told[0]!)).toContain("Ask for `/pkg-staging versions acme npm web-ui` to start at the first.");
  });

  it("says why when GitHub won't list them", async () => {
    const d = deps();
    d.github.deletedList = { kind: "unknown", reason: "GitHub answered 403: Resource not accessible by integration" };
    await handleVersions({ asker, pkg: webUi, page: 1 }, d);
    expect(textOf(d.chat.told[0]!)).toBe(
      "I couldn't list the deleted versions of the npm package `web-ui` in acme (GitHub answered 403: Resource not accessible by integration).",
    );
  });

  it("lists nothing, and asks GitHub nothing, for someone who may not ask or an org the bot doesn't serve", async () => {
    const outsider = deps({ isRequester: async () => false });
    await handleVersions({ asker, pkg: webUi, page: 1 }, outsider);
    expect(textOf(outsider.chat.told[0]!)).toContain("RESTORE_REQUESTERS");
    const otherOrg = deps({ policy: { requesters: null, orgs: new Set(["globex"]) } });
    await handleVersions({ asker, pkg: webUi, page: 1 }, otherOrg);
    expect(textOf(otherOrg.chat.told[0]!)).toBe("This bot doesn't restore packages in acme.");
    const slackDown = deps({ isRequester: async () => Promise.reject(new Error("timeout")) });
    await handleVersions({ asker, pkg: webUi, page: 1 }, slackDown);
    expect(textOf(slackDown.chat.told[0]!)).toContain("I couldn't check whether you may restore packages");
    for (const d of [outsider, otherOrg, slackDown]) {
      expect(d.github.pageCalls).toEqual([]);
      expect(d.chat.offers).toEqual([]);
    }
  });
});
