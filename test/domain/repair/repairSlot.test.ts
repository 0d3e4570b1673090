// A repair holds its image's slot from the command until its last version is back, and a second repair of the
// same image is pointed to the one that holds it (flows over the in-memory store and recording fakes).
import { describe, expect, it } from "vitest";
import type { ImageRegistry } from "../../../src/domain/ports/imageRegistry.js";
import type { RestoreRequest } from "../../../src/domain/command/restoreRequest.js";
import { handleCommand } from "../../../src/domain/request/handleCommand.js";
import { handleDecision } from "../../../src/domain/request/handleDecision.js";
import { targetKey } from "../../../src/domain/request/requestRecord.js";
import { APPROVER, click, commandJob, deps, textOf, type TestDeps } from "../request/flowFakes.js";

const INDEX = `sha256:${"a".repeat(64)}`;
const CHILD = `sha256:${"b".repeat(64)}`;
const repairOf = (tag: string): RestoreRequest => ({
  org: "acme",
  packageType: "container",
  packageName: "app",
  target: { kind: "repair", reference: { tag } },
  reason: "",
  notes: [],
});

/** An image whose one platform manifest is deleted on GitHub (version 501) until a restore brings it back. */
function brokenImage(): { d: TestDeps; restored: { done: boolean } } {
  const restored = { done: false };
  const registry: ImageRegistry = {
    host: "ghcr.io",
    readManifest: async () => ({
      kind: "index",
      digest: INDEX,
      mediaType: "application/vnd.oci.image.index.v1+json",
      children: [
        {
          digest: CHILD,
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          platform: { os: "linux", architecture: "amd64" },
        },
      ],
    }),
    manifestExists: async () => (restored.done ? { kind: "exists", digest: CHILD } : { kind: "unknown_manifest" }),
  };
  const d = deps({ registry });
  d.github.deletedList = [{ id: 501, name: CHILD, tags: [], deletedAt: "2026-10-30T00:00:00.000Z" }];
  return { d, restored };
}

const slotIsFree = async (d: TestDeps) =>
  (await d.store.claimTarget(targetKey(repairOf("1.0")), "probe", "2099-01-01T00:00:00.000Z", d.clock.iso())) ===
  undefined;

describe("a repair's slot", () => {
  it("is held while the approved repair restores its versions, and freed when it ends", async () => {
    const { d, restored } = brokenImage();
    const record = await handleCommand(commandJob({ request: repairOf("1.0") }), d);
    expect(record.state).toBe("pending");
    const freeDuringRestore: boolean[] = [];
    d.github.onRestore = async () => {
      freeDuringRestore.push(await slotIsFree(d));
      restored.done = true;
    };
    const finished = await handleDecision(click(record, "approve", APPROVER), d);
    expect(finished).toMatchObject({ state: "restored" });
    expect(freeDuringRestore).toEqual([false]);
    expect(await slotIsFree(d)).toBe(true);
  });

  it("points a repair of another tag of the image to the one waiting, naming that one's tag", async () => {
    const { d } = brokenImage();
    await handleCommand(commandJob({ id: "cmd-1", request: repairOf("1.0") }), d);
    d.chat.told.length = 0;
    const second = await handleCommand(commandJob({ id: "cmd-2", request: repairOf("2.0") }), d);
    expect(second).toMatchObject({ state: "duplicate", duplicateOf: "cmd-1" });
    const told = d.chat.told.map(textOf).join("\n");
    expect(told).toContain("deleted platforms of tag `1.0`");
    expect(told).toContain("is already waiting for approval");
    expect(told).not.toContain("I'm asking for approval");
  });
});
