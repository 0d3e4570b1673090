import { createJsonLogger } from "../../src/log/logger.js";
import { startLocalStack, type LocalStack } from "../../scripts/localStack.js";
import type { Env } from "../../src/config/readEnv.js";
import { commandBody, postSigned, type CommandFields } from "./slackRequests.js";

export interface TestStack extends LocalStack {
  slack: NonNullable<LocalStack["slack"]>;
  github: NonNullable<LocalStack["github"]>;
  /** Every log line, parsed, for assertions. */
  logs: Array<Record<string, unknown>>;
  /** Sends a signed slash command and waits until the worker has finished with it. */
  command(text: string, fields?: Omit<CommandFields, "text">): Promise<Awaited<ReturnType<typeof postSigned>>>;
}

/** The local stack with both simulators, fast retries and captured logs. */
export async function startTestStack(env: Env = {}): Promise<TestStack> {
  const logs: Array<Record<string, unknown>> = [];
  const stack = await startLocalStack({
    env,
    log: createJsonLogger("test", (line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    githubTuning: { retryBaseMs: 1, attemptTimeoutMs: 2000, writeSpacingMs: 0 },
    slackRetryConfig: { retries: 0 },
  });
  const { slack, github } = stack;
  if (slack === undefined || github === undefined) throw new Error("The test stack expects both simulators.");
  return {
    ...stack,
    slack,
    github,
    logs,
    async command(text, fields = {}) {
      const answer = await postSigned(stack.url, stack.signingSecret, commandBody({ responseUrl: slack.newResponseUrl(), ...fields, text }));
      await stack.handOff.idle();
      return answer;
    },
  };
}
