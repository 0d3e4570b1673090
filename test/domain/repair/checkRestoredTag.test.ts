// After a container version is restored by tag, only what is known to be missing is told.
import { describe, expect, it } from "vitest";
import type { ImageRegistry } from "../../../src/domain/ports/imageRegistry.js";
import { checkRestoredTag } from "../../../src/domain/repair/checkRestoredTag.js";
import { resumeRequest } from "../../../src/domain/request/finishRequest.js";
import { describeRepairEnd } from "../../../src/domain/request/messages/repairMessages.js";
import type { RequestRecord } from "../../../src/domain/request/requestRecord.js";
import { deps, leftPad, REQUESTER, START, TEAM } from "../request/flowFakes.js";

const CHILD = `sha256:${"b".repeat(64)}`;
const restoredByTag: RequestRecord = {
  id: "r1",
  mode: "approval",
  requester: { teamId: TEAM, userId: REQUESTER },
  channelId: "C1",
  request: {
    ...leftPad,
    packageType: "container",
    packageName: "app",
    target: { kind: "version", versionId: 9, label: "1.4" },
  },
  state: "restored",
  createdAt: START,
  updatedAt: START,
};
const index = async () => ({
  kind: "index" as const,
  digest: `sha256:${"a".repeat(64)}`,
  mediaType: "application/vnd.oci.image.index.v1+json",
  children: [
    {
      digest: CHILD,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      platform: { os: "linux", architecture: "amd64" },
    },
  ],
});

describe("checkRestoredTag", () => {
  it("says nothing when the registry can't tell whether a platform is there", async () => {
    const registry: ImageRegistry = {
      host: "ghcr.io",
      readManifest: index,
      manifestExists: async () => ({ kind: "unavailable", reason: "The registry answered 503." }),
    };
    expect(await checkRestoredTag(restoredByTag, deps({ registry }))).toBeUndefined();
  });

  it("says nothing when GitHub won't list the deleted versions", async () => {
    const registry: ImageRegistry = {
      host: "ghcr.io",
      readManifest: index,
      manifestExists: async () => ({ kind: "unknown_manifest" }),
    };
    const d = deps({ registry });
    d.github.deletedList = { kind: "unknown", reason: "GitHub answered 502" };
    expect(await checkRestoredTag(restoredByTag, d)).toBeUndefined();
  });

  it("finds a platform still deleted, with its version", async () => {
    const registry: ImageRegistry = {
      host: "ghcr.io",
      readManifest: index,
      manifestExists: async () => ({ kind: "unknown_manifest" }),
    };
    const d = deps({ registry });
    d.github.deletedList = [{ id: 501, name: CHILD, tags: [], deletedAt: "2026-10-30T00:00:00.000Z" }];
    expect(await checkRestoredTag(restoredByTag, d)).toMatchObject({
      kind: "repairable",
      children: [{ state: { kind: "deleted", versionId: 501 } }],
    });
  });
});

describe("recordOutcome", () => {
  it("writes the outcome before the pull check reads the registry, so the check never holds the claim", async () => {
    const statesWhenRead: string[] = [];
    const d = deps();
    d.registry = {
      host: "ghcr.io",
      readManifest: async () => {
        statesWhenRead.push((await d.store.get("r1"))?.state ?? "none");
        return { kind: "unknown_manifest" };
      },
      manifestExists: async () => ({ kind: "unknown_manifest" }),
    };
    await d.store.create({ ...restoredByTag, state: "restoring", restoreClaimedAt: START });
    await resumeRequest({ ...restoredByTag, state: "restoring", restoreClaimedAt: START }, "sweep", {
      ...d,
      now: () => new Date(Date.parse(START) + 10 * 60_000),
    });
    expect(statesWhenRead).toEqual(["restored"]);
  });
});

describe("describeRepairEnd", () => {
  it("does not call a tag broken when the registry couldn't be asked", () => {
    const end = describeRepairEnd(
      restoredByTag.request,
      {
        diagnosis: [],
        items: [
          {
            versionId: 501,
            digest: CHILD,
            reference: "1.4",
            role: "platform",
            platform: "linux/amd64",
            outcome: { kind: "restored" },
          },
        ],
        verification: [
          { reference: "1.4", kind: "unreadable", children: [], reason: "The registry took too long to answer." },
        ],
      },
      "ghcr.io",
      () => "",
    );
    expect(end.headline).toBe(
      "Repair incomplete: restored 1 of 1 deleted version; the registry couldn't be asked whether the tag pulls.",
    );
    expect(end.details).toEqual([
      "docker pull ghcr.io/acme/app:1.4: couldn't verify: The registry took too long to answer.",
    ]);
  });
});
