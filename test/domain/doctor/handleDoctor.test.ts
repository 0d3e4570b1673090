import { describe, expect, it } from "vitest";
import { passed } from "../../../src/domain/doctor/checkResult.js";
import { handleDoctor } from "../../../src/domain/doctor/handleDoctor.js";
import type { ChatText } from "../../../src/domain/ports/restoreChat.js";

function deps(isApprover: (userId: string) => Promise<boolean>) {
  const told: ChatText[] = [];
  let ran = 0;
  return {
    told,
    ran: () => ran,
    deps: {
      chat: { tellPrivately: async (text: ChatText) => void told.push(text) },
      isApprover,
      command: "/pkg-staging",
      runChecks: async () => {
        ran += 1;
        return [passed("Slack bot token", "has chat:write.")];
      },
    },
  };
}

describe("handleDoctor", () => {
  it("runs the checks for an approver and tells only them the answer", async () => {
    const run = deps(async () => true);
    await handleDoctor("U0APPROVER1", run.deps);
    expect(run.told).toEqual(["All 1 checks pass.\n✓ Slack bot token: has chat:write."]);
  });

  it("refuses anyone else without checking anything", async () => {
    const run = deps(async () => false);
    await handleDoctor("U0REQUESTER", run.deps);
    expect(run.told).toEqual([expect.stringContaining("Only approvers (RESTORE_APPROVERS) can run this")]);
    expect(run.ran()).toBe(0);
  });

  it("says it couldn't tell when an approvers' user group can't be read, and checks nothing", async () => {
    const run = deps(async () => {
      throw new Error("missing_scope");
    });
    await handleDoctor("U0SOMEONE", run.deps);
    expect(run.told).toEqual([expect.stringContaining("couldn't tell whether you are an approver")]);
    expect(run.told.join("")).toContain("`/pkg-staging doctor` run by an approver");
    expect(run.ran()).toBe(0);
  });
});
