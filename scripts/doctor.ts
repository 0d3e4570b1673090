// `npm run doctor -- --stage prod [--region eu-west-1]`: checks a deployed stage's setup as
// `/restore-package doctor` does, with your AWS credentials (docs/doctor.md). Exits 1 when a check finds a problem.
import { printService } from "../local/deploy/osls.js";
import { runStageDoctor } from "../local/deploy/stageDoctor.js";

const args = process.argv.slice(2);
if (!args.some((arg) => arg === "--stage" || arg === "-s" || arg.startsWith("--stage="))) {
  console.error("Name the stage: npm run doctor -- --stage prod [--region eu-west-1]");
  process.exit(2);
}
const printed = await printService(args).catch(() => {
  console.error("osls could not read the stage's settings (its message is above); nothing was checked.");
  process.exit(1);
});
const answer = await runStageDoctor(printed, args);
console.log(answer.report);
process.exit(answer.ok ? 0 : 1);
