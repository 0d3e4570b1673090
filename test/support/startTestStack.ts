import { captureLogLines } from "./captureLogLines.js";
import { startLocalStack, type LocalStack, type LocalStackOptions } from "../../local/startLocalStack.js";
import type { Env } from "../../src/config/readEnv.js";
import {
  buttonPayload,
  clickPayload,
  commandBody,
  postSigned,
  type ButtonFields,
  type ClickFields,
  type CommandFields,
} from "../../local/simulators/slack/slackRequests.js";

export interface TestStack extends LocalStack {
  slack: NonNullable<LocalStack["slack"]>;
  github: NonNullable<LocalStack["github"]>;
  /** Every log line, parsed, for assertions. */
  logs: Array<Record<string, unknown>>;
  /** The same lines as written. */
  rawLogs: string[];
  /** Sends a signed slash command and waits until the worker has finished with it. */
  command(text: string, fields?: Omit<CommandFields, "text">): Promise<Awaited<ReturnType<typeof postSigned>>>;
  /** Clicks a card's button as a user, and waits until the worker has finished with it. */
  click(fields: Omit<ClickFields, "responseUrl">): Promise<Awaited<ReturnType<typeof postSigned>>>;
  /** Clicks any button (e.g. one in a private answer) as a user, and waits until the worker has finished with it. */
  press(fields: Omit<ButtonFields, "responseUrl">): Promise<Awaited<ReturnType<typeof postSigned>>>;
  /** What Slack showed privately to whoever used this response URL; see `command` and `click`. */
  privateTo(userId: string): string[];
  /** The same private answers as whole messages, blocks included. */
  privateMessagesTo(userId: string): Array<Record<string, unknown>>;
}

let stacks = 0;

/** The local stack with both simulators, fast retries and captured logs. */
export async function startTestStack(
  env: Env = {},
  options: Pick<LocalStackOptions, "now" | "metrics"> = {},
): Promise<TestStack> {
  const serviceName = `package-restore-test-${++stacks}`;
  const capture = captureLogLines(serviceName);
  const stack = await startLocalStack({
    // No audit channel unless a test asks for one: its lines would be counted as the bot's messages.
    env: { AUDIT_CHANNEL_ID: "", ...env },
    serviceName,
    githubTuning: { retryBaseMs: 1, attemptTimeoutMs: 2000, writeSpacingMs: 0 },
    slackRetryConfig: { retries: 0 },
    retryDelaysMs: [10, 20],
    ...options,
  });
  const { slack, github } = stack;
  if (slack === undefined || github === undefined) throw new Error("The test stack expects both simulators.");
  const responseUrlsOf = new Map<string, string[]>();
  const responseUrlFor = (userId: string) => {
    const url = slack.newResponseUrl();
    responseUrlsOf.set(userId, [...(responseUrlsOf.get(userId) ?? []), url]);
    return url;
  };
  const privateMessagesTo = (userId: string) => {
    const urls = new Set(responseUrlsOf.get(userId) ?? []);
    return slack.responses
      .filter((response) => urls.has(`${slack.baseUrl}/response/${response.id}`))
      .map((response) => response.body);
  };
  return {
    ...stack,
    slack,
    github,
    logs: capture.lines,
    rawLogs: capture.raw,
    async close() {
      try {
        await stack.close();
      } finally {
        capture.stop();
      }
    },
    async command(text, fields = {}) {
      const answer = await postSigned(
        stack.url,
        stack.signingSecret,
        commandBody({ responseUrl: responseUrlFor(fields.userId ?? "U0REQUESTER"), ...fields, text }),
      );
      await stack.handOff.idle();
      return answer;
    },
    async click(fields) {
      const answer = await postSigned(
        stack.url,
        stack.signingSecret,
        clickPayload({ ...fields, responseUrl: responseUrlFor(fields.userId) }),
      );
      await stack.handOff.idle();
      return answer;
    },
    async press(fields) {
      const answer = await postSigned(
        stack.url,
        stack.signingSecret,
        buttonPayload({ ...fields, responseUrl: responseUrlFor(fields.userId) }),
      );
      await stack.handOff.idle();
      return answer;
    },
    privateTo(userId) {
      return privateMessagesTo(userId).map((body) => String(body.text ?? ""));
    },
    privateMessagesTo,
  };
}
