// `npm start`: the bot on http://localhost:$PORT/slack/events, with simulators for
// whatever has no credentials in the environment.
import { startLocalStack } from "../local/startLocalStack.js";

const port = Number(process.env.PORT ?? 3000);
// The deployed schedule sweeps every 5 minutes; locally, often enough to watch a short RESTORE_REQUEST_TTL run out. The sweep logs its own failures.
const SWEEP_EVERY_MS = 15_000;
const stack = await startLocalStack({ env: process.env, port, sweepEveryMs: SWEEP_EVERY_MS }).catch(
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

const lines = [`package-restore is listening on ${stack.url}/slack/events`];
lines.push(
  stack.slack
    ? [
        `Slack: simulated at ${stack.slack.baseUrl} (no SLACK_BOT_TOKEN set). ${
          stack.playgroundUrl
            ? `See and click the whole flow in a browser: ${stack.playgroundUrl}`
            : "The browser playground is off: GitHub is real, and the playground acts as any simulated user, approvers included, so it runs only with GitHub simulated too (unset GITHUB_APP_ID and GITHUB_TOKEN)."
        }`,
        "Or, in another terminal, try:",
        "  npm run slash -- acme container team/app deleted by mistake     (as the requester, U0REQUESTER)",
        "  npm run slash -- --approve --as U0APPROVER1                      (an approver clicks Approve)",
        "  npm run slash -- doctor --as U0APPROVER1                         (an approver checks the setup)",
      ].join("\n")
    : "Slack: real workspace (SLACK_BOT_TOKEN set). Point the app's slash command and interactivity URLs here, e.g. through a tunnel.",
);
lines.push(
  stack.github
    ? `GitHub: simulated at ${stack.github.url} with the example org "acme" (no GitHub credentials set).`
    : `GitHub: ${stack.config.github.apiUrl} as ${stack.config.github.authMode === "app" ? "the GitHub App" : "a classic PAT"}.`,
);
if (stack.dynamo)
  lines.push(`State: dynalite (DynamoDB API, in memory) at ${stack.dynamo.endpoint}, table ${stack.dynamo.tableName}.`);
console.log(lines.join("\n"));

// A first sweep at once, as a deployed stage has had one within 5 minutes: `doctor` then finds a recent sweep.
void stack.worker.runSweep().catch(() => undefined);
const sweeping = setInterval(() => void stack.worker.runSweep().catch(() => undefined), SWEEP_EVERY_MS);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    clearInterval(sweeping);
    void stack.close().then(() => process.exit(0));
  });
}
