import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImageRegistry } from "../../../src/domain/ports/imageRegistry.js";
import { planRepair } from "../../../src/domain/repair/planRepair.js";
import type { ChildCheck, RepairState, TagDiagnosis } from "../../../src/domain/repair/repairState.js";
import { VERIFY_TIMEOUT_MS, verifyRepair } from "../../../src/domain/repair/verifyRepair.js";

const digest = (n: number) => `sha256:${String(n).padStart(64, "0")}`;
const deleted = (n: number): ChildCheck => ({
  digest: digest(n),
  role: "platform",
  platform: `linux/arch${n}`,
  state: { kind: "deleted", versionId: n },
});
const tag = (reference: string, children: ChildCheck[]): TagDiagnosis => ({
  reference,
  kind: "repairable",
  indexDigest: digest(1000 + reference.length),
  children,
});
const PKG = { org: "acme", packageType: "container" as const, packageName: "app" };

afterEach(() => vi.useRealTimers());

describe("verifyRepair", () => {
  it("reads only the tags this repair restored, not those left for another request", async () => {
    const read: string[] = [];
    const registry: ImageRegistry = {
      host: "ghcr.io",
      readManifest: async (_name, reference) => {
        read.push(reference);
        return { kind: "image", digest: reference, mediaType: "application/vnd.oci.image.manifest.v1+json" };
      },
      manifestExists: async () => ({ kind: "unknown_manifest" }),
    };
    const a = tag("1.0", [deleted(1)]);
    const b = tag("2.0", [deleted(2)]);
    const { items, tagsLeft } = planRepair([a, b], 1);
    expect(tagsLeft).toBe(1);
    const verified = await verifyRepair(registry, PKG, { diagnosis: [a, b], items } satisfies RepairState);
    expect(read).toEqual([a.indexDigest]);
    expect(verified.map((t) => t.reference)).toEqual(["1.0"]);
  });

  it("ends within its deadline however many tags wait on a registry that doesn't answer", async () => {
    vi.useFakeTimers();
    const registry: ImageRegistry = {
      host: "ghcr.io",
      readManifest: () => new Promise(() => undefined),
      manifestExists: () => new Promise(() => undefined),
    };
    const tags = Array.from({ length: 40 }, (_, n) => tag(`${n}.0`, [deleted(n)]));
    const verifying = verifyRepair(registry, PKG, { diagnosis: tags, items: planRepair(tags).items });
    await vi.advanceTimersByTimeAsync(VERIFY_TIMEOUT_MS + 1);
    const verified = await verifying;
    expect(verified).toHaveLength(40);
    expect(new Set(verified.map((t) => t.kind))).toEqual(new Set(["unreadable"]));
  });
});

describe("planRepair", () => {
  it("counts only versions not already planned against the cap", () => {
    const shared = [deleted(1), deleted(2)];
    expect(planRepair([tag("1.0", shared), tag("latest", shared)], 2)).toMatchObject({ tagsLeft: 0 });
  });
});
