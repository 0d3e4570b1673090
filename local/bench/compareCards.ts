// Before/after figures for a change to the card's path: `npx tsx local/bench/compareCards.ts ROUNDS NODE VARIANTS`
// runs "command → card posted, cold" for each variant in the same round, order alternating, beside the minimal
// Bolt app's message, so all see the same load. NODE is 20 (this machine's) or 24 (the Lambda runtime's major,
// from the bench's cache). VARIANTS is JSON: [{ "name": "before", "worker": "/path/to/old/index.mjs" },
// { "name": "after" }]; a variant may also set "workerEnv" (a value "" unsets the variable).
import { fileURLToPath } from "node:url";
import { startBenchStage } from "./benchStage.js";
import { runBoltCard, runCard, type CardRun } from "./cardCold.js";
import { prepareColdStart } from "./coldStart.js";
import { readDeployedSettings } from "./deployedSettings.js";
import { lambdaNode, machineNode } from "./lambdaNode.js";
import { median } from "./stats.js";

interface Variant {
  name: string;
  worker?: string;
  workerEnv?: Record<string, string>;
}

const [roundsArg = "10", nodeArg = "24", variantsArg = '[{"name":"as built"}]'] = process.argv.slice(2);
const variants = JSON.parse(variantsArg) as Variant[];
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const settings = readDeployedSettings(repoRoot);
const node = nodeArg === "20" ? machineNode() : lambdaNode(repoRoot, settings.nodeMajor, console.error);
const stage = await startBenchStage(settings);
const setup = await prepareColdStart(repoRoot, stage);
const built = { worker: setup.bundles.worker, env: { ...stage.workerEnv } };
const use = (variant: Variant) => {
  setup.bundles.worker = variant.worker ?? built.worker;
  const env = { ...built.env, ...variant.workerEnv };
  stage.workerEnv = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
};
const runs = new Map<string, CardRun[]>(variants.map((variant) => [variant.name, []]));
const bolt: number[] = [];
try {
  for (const variant of variants) {
    use(variant);
    await runCard(setup, node);
  }
  await runBoltCard(setup, node);
  for (let round = 0; round < Number(roundsArg); round += 1) {
    for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
      use(variant);
      runs.get(variant.name)?.push(await runCard(setup, node));
    }
    bolt.push((await runBoltCard(setup, node)).messageMs);
  }
} finally {
  await stage.close();
}
const ms = (values: number[]) =>
  `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
console.log(`Node ${node.version}, ${roundsArg} rounds; Bolt app's message: ${ms(bolt)}`);
for (const [name, cards] of runs) {
  const card = cards.map((run) => run.cardMs);
  const part = (key: "ackMs" | "workerSpawnMs" | "workerImportedMs") => median(cards.map((run) => run[key])).toFixed(0);
  console.log(
    `${name}: card ${ms(card)}, ÷ Bolt ${(median(card) / median(bolt)).toFixed(2)}×; HTTP answered / worker spawned / worker loaded ${part("ackMs")} / ${part("workerSpawnMs")} / ${part("workerImportedMs")} ms`,
  );
}
