// Run by scripts/bench.ts once per Node binary (`node --import tsx local/bench/warmChild.ts`), under the
// NODE_OPTIONS serverless.yml deploys: the warm rows, printed as one JSON line after MARK.
import { fileURLToPath, pathToFileURL } from "node:url";
import { startLambdaSimulator } from "../simulators/lambda/startLambdaSimulator.js";
import { httpFunctionEnv, httpFunctionCredentials } from "./coldStart.js";
import { closeStacks, measureApproval, measureDirect } from "./endToEnd.js";
import { measureBundleAck, measureHandlerAck } from "./warmAck.js";
import { measureWarmRepair } from "./warmRepair.js";

export const WARM_MARK = "BENCH-WARM ";
const [ackRounds, bundleAckRounds, ackCount, restores, approvals, repairs] = JSON.parse(
  process.env.BENCH_WARM ?? "[]",
) as number[];
const progress = (message: string) => process.stderr.write(`bench (Node ${process.version}): ${message}\n`);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

progress(`warm acknowledgements: ${ackRounds} × (${ackCount} commands + ${ackCount} clicks) in process`);
const handlerAck = await measureHandlerAck(ackRounds!, ackCount!);
const lambda = await startLambdaSimulator({
  ...httpFunctionCredentials(),
  functions: { [httpFunctionEnv("").WORKER_FUNCTION_NAME!]: async () => {} },
});
progress(`warm acknowledgements through dist/http: ${bundleAckRounds} × (${ackCount} + ${ackCount})`);
const bundleAck = await measureBundleAck(
  pathToFileURL(`${repoRoot}dist/http/index.mjs`).href,
  httpFunctionEnv(lambda.url),
  bundleAckRounds!,
  ackCount!,
);
await lambda.idle();
await lambda.close();
progress(`command to outcome, direct path: 1 cold + ${restores} warm restores`);
const direct = await measureDirect(restores!);
progress(`command to outcome, approval path: 1 cold + ${approvals} warm restores`);
const approval = await measureApproval(approvals!);
await closeStacks();
progress(`repair of a 4-child index, direct path: 1 cold + ${repairs} warm repairs`);
const repair = await measureWarmRepair(repairs!);
// Exit only once the line (about 1 MB of samples) is through the pipe: process.exit() would cut it short.
process.stdout.write(`${WARM_MARK}${JSON.stringify({ handlerAck, bundleAck, direct, approval, repair })}\n`, () =>
  process.exit(0),
);
