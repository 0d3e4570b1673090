import { describe, expect, it } from "vitest";
import { planRepair } from "../../../src/domain/repair/planRepair.js";
import type { ChildCheck, TagDiagnosis } from "../../../src/domain/repair/repairState.js";

const digest = (n: number) => `sha256:${String(n).padStart(64, "0")}`;
const child = (
  n: number,
  role: ChildCheck["role"],
  kind: "deleted" | "resolves" | "too_old" = "deleted",
): ChildCheck => ({
  digest: digest(n),
  role,
  platform: `linux/arch${n}`,
  state:
    kind === "deleted"
      ? { kind, versionId: n, deletedAt: "2026-12-01T00:00:00Z" }
      : kind === "too_old"
        ? { kind, versionId: n, deletedAt: "2026-10-01T00:00:00Z" }
        : { kind },
});
const tag = (reference: string, children: ChildCheck[]): TagDiagnosis => ({
  reference,
  kind: "repairable",
  children,
});

describe("planRepair", () => {
  it("restores each deleted child once, platforms before attestations, and nothing that resolves or is too old", () => {
    const { items, tagsLeft } = planRepair([
      tag("1.0", [child(3, "attestation"), child(1, "platform"), child(2, "platform", "resolves")]),
      tag("latest", [child(1, "platform"), child(4, "platform", "too_old"), child(5, "platform")]),
    ]);
    expect(items.map((item) => [item.versionId, item.reference])).toEqual([
      [1, "1.0"],
      [5, "latest"],
      [3, "1.0"],
    ]);
    expect(tagsLeft).toBe(0);
  });

  it("keeps whole tags within the most versions one request restores, counting the tags left out", () => {
    const tags = [1, 2, 3].map((n) => tag(`${n}.0`, [child(n * 10, "platform"), child(n * 10 + 1, "platform")]));
    const { items, tagsLeft } = planRepair(tags, 5);
    expect(items.map((item) => item.reference)).toEqual(["1.0", "1.0", "2.0", "2.0"]);
    expect(tagsLeft).toBe(1);
  });
});
