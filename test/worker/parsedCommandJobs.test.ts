// The worker reads each request through the HTTP function's parse, carried in the job. A job whose parse it can't read
// (another version's, or tampered with) is refused once, said in the log and to the person, and nothing is done.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command/parseCommand.js";
import type { WorkerJob } from "../../src/handoff/workerJob.js";
import { REQUEST_VERSION_ACTION } from "../../src/slack/actionIds.js";
import { buttonPayload, commandBody } from "../../local/simulators/slack/slackRequests.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const REFUSED = "Refused a job whose parsed command can't be read; nothing was done";
const TOLD = "I couldn't read that request; nothing was done.";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1" });
  stack.github.addPackage("acme", { type: "npm", name: "parsed-job", deletedAt: new Date(Date.now() - 3_600_000) });
});
afterAll(async () => stack.close());
beforeEach(() => {
  stack.slack.reset();
  stack.github.reset();
});

let jobs = 0;
function commandJob(parsed: unknown): WorkerJob {
  const body = commandBody({ text: "acme npm parsed-job", responseUrl: stack.slack.newResponseUrl() });
  const { text: _text, token: _token, trigger_id: _trigger, ...fields } = body;
  return {
    id: `parsed-job-${++jobs}`,
    receivedAt: new Date().toISOString(),
    slack: { kind: "command", body: fields },
    ...(parsed === undefined ? {} : { parsed: parsed as WorkerJob["parsed"] }),
  };
}

function buttonJob(parsed: unknown): WorkerJob {
  const form = buttonPayload({
    button: { action_id: REQUEST_VERSION_ACTION, value: "acme npm parsed-job" },
    userId: "U0REQUESTER",
    channel: "C0RESTORE",
    ephemeral: true,
    responseUrl: stack.slack.newResponseUrl(),
  });
  const body = JSON.parse(form.payload!) as Record<string, unknown>;
  return {
    id: `parsed-job-${++jobs}`,
    receivedAt: new Date().toISOString(),
    slack: { kind: "interaction", body },
    parsed: parsed as WorkerJob["parsed"],
  };
}

/** Delivers the job as Lambda would, retries included, and says what came of it. */
async function deliver(job: WorkerJob) {
  const logsBefore = stack.logs.length;
  const deadBefore = stack.handOff.deadLetters.length;
  await stack.handOff.handOff(job);
  await stack.handOff.idle();
  const logs = stack.logs.slice(logsBefore).filter((line) => line.requestId === job.id);
  return {
    record: await stack.store.get(job.id),
    told: stack.slack.responses.map((response) => response.body.text),
    refusals: logs.filter((line) => line.message === REFUSED),
    retried: logs.some((line) => line.message === "Worker job failed; retrying"),
    deadLettered: stack.handOff.deadLetters.length > deadBefore,
  };
}

const good = { v: 1, command: parseCommand("acme npm parsed-job") };

describe("a job's parsed command", () => {
  it("is what the worker acts on when it reads", async () => {
    const result = await deliver(commandJob(good));
    expect(result.record?.state).toBe("pending");
    expect(result.refusals).toEqual([]);
    expect(stack.slack.messages()).toHaveLength(1);
  });

  it.each<[string, unknown]>([
    ["missing, as jobs queued before the parse was carried", undefined],
    ["of an older version", { ...good, v: 0 }],
    ["of a newer version", { ...good, v: 2 }],
    [
      "tampered with: an org that is no login",
      { v: 1, command: { kind: "restore", request: { ...parseCommandRequest(), org: "../../user" } } },
    ],
    ["tampered with: a kind the worker doesn't know", { v: 1, command: { kind: "delete_everything" } }],
  ])("is refused cleanly when %s: logged, told, nothing done, not retried", async (_, parsed) => {
    const job = commandJob(parsed);
    const result = await deliver(job);
    expect(result.record).toBeUndefined();
    expect(result.told).toEqual([TOLD]);
    expect(result.refusals).toHaveLength(1);
    expect(result.refusals[0]!.problem).toMatch(/parsed command/);
    expect(result.retried).toBe(false);
    expect(result.deadLettered).toBe(false);
    expect(stack.slack.calls).toEqual([]);
    expect(stack.github.calls).toEqual([]);
  });

  it("is read from the text, once, when the job comes from the previous release (text, no parse)", async () => {
    stack.github.addPackage("acme", { type: "npm", name: "legacy-job", deletedAt: new Date(Date.now() - 3_600_000) });
    const job = commandJob(undefined);
    const legacy = {
      ...job,
      slack: {
        kind: "command" as const,
        body: { ...(job.slack.body as Record<string, string>), text: "acme npm legacy-job" },
      },
    };
    const result = await deliver(legacy);
    expect(result.refusals).toEqual([]);
    expect(result.record?.state).toBe("pending");
    expect(stack.slack.messages()).toHaveLength(1);
  });

  it("is refused the same way on a versions listing's button", async () => {
    const result = await deliver(buttonJob({ ...good, v: 2 }));
    expect(result.record).toBeUndefined();
    expect(result.told).toEqual([TOLD]);
    expect(result.refusals).toHaveLength(1);
    expect(stack.slack.calls).toEqual([]);
    expect(stack.github.calls).toEqual([]);
  });
});

function parseCommandRequest() {
  const parsed = parseCommand("acme npm parsed-job");
  if (parsed.kind !== "restore") throw new Error("expected a restore");
  return parsed.request;
}
