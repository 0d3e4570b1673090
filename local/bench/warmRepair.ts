// A repair of a 4-child index (2 platforms, 2 attestations, all deleted) on the direct path, command to the verified
// outcome in the thread, through the local stack with zero-latency Slack, GitHub and registry simulators.
import { performance } from "node:perf_hooks";
import { startLocalStack } from "../startLocalStack.js";
import { commandBody, postSigned } from "../simulators/slack/slackRequests.js";
import { buildImageIndex } from "../simulators/registry/buildImageIndex.js";
import { packageVersionsOf } from "../simulators/registry/packageVersionsOf.js";

export interface RepairRun {
  ms: number;
  github: number;
  registry: number;
  /** Version restores among the GitHub calls: one per child. */
  restores: number;
}

const RESTORE_VERSION = "packages/restore-package-version-for-org";

/** `warmCount` repairs after one that loads the registry client; each a fresh broken image. */
export async function measureWarmRepair(warmCount: number): Promise<{ cold: RepairRun; warm: RepairRun[] }> {
  const stack = await startLocalStack({
    env: { RESTORE_REQUIRE_APPROVAL: "false", AUDIT_CHANNEL_ID: "" },
    quiet: true,
    githubTuning: { writeSpacingMs: 0 },
  });
  const { slack, github, registry } = stack;
  try {
    if (!slack || !github || !registry)
      throw new Error("the bench needs the simulators: unset Slack and GitHub credentials");
    let images = 0;
    const runOne = async (): Promise<RepairRun> => {
      const name = `bench/repair-${++images}`;
      const image = buildImageIndex({ seed: name });
      registry.pushImage(`acme/${name}`, image, ["1.0"]);
      const deleted = { digests: image.children.map((child) => child.digest), at: new Date(Date.now() - 86_400_000) };
      github.addPackage("acme", {
        type: "container",
        name,
        versions: packageVersionsOf(image, { firstId: 90_000 + images * 10, tags: ["1.0"], deleted }),
      });
      const before = { github: github.calls.length, registry: registry.calls.length };
      const form = commandBody({ text: `repair acme ${name}:1.0`, responseUrl: slack.newResponseUrl() });
      const start = performance.now();
      const answer = await postSigned(stack.url, stack.signingSecret, form);
      await stack.handOff.idle();
      const ms = performance.now() - start;
      if (answer.status !== 200) throw new Error(`the bot answered ${answer.status}`);
      const card = slack.messages("C0RESTORE").find((message) => JSON.stringify(message.blocks ?? []).includes(name));
      const reply = card && slack.thread("C0RESTORE", card.ts).at(-1);
      if (!reply?.text?.includes("Repaired")) throw new Error(`no "Repaired" reply for ${name}: ${reply?.text}`);
      const calls = github.calls.slice(before.github);
      return {
        ms,
        github: calls.length,
        registry: registry.calls.length - before.registry,
        restores: calls.filter((call) => call.operationId === RESTORE_VERSION).length,
      };
    };
    const cold = await runOne();
    const warm: RepairRun[] = [];
    for (let i = 0; i < warmCount; i += 1) warm.push(await runOne());
    return { cold, warm };
  } finally {
    await stack.close();
  }
}
