// DynamoDB unreachable: the person is told, nothing is done half-way, and the job is retried
// (here the in-process hand-off's quick retries, then its dead-letter list).
import { expect, it } from "vitest";
import { startTestStack } from "../support/startTestStack.js";

it("tells the requester and acts on nothing when the store can't be reached", async () => {
  const stack = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1" });
  try {
    await stack.dynamo!.close();
    const ack = await stack.command("acme npm left-pad");
    expect(ack.json?.text).toContain("Got it");
    expect(stack.github.calls).toHaveLength(0);
    expect(stack.slack.messages()).toHaveLength(0);
    const told = stack.privateTo("U0REQUESTER");
    // One message per try: the first and the two retries.
    expect(told).toHaveLength(3);
    expect(told[0]).toContain("The bot's database didn't answer, so this request is paused");
    expect(stack.handOff.deadLetters).toHaveLength(1);
    expect(
      stack.logs.some(
        (line) =>
          line.message === "Job failed; the hand-off will retry it" &&
          String(line.reason).startsWith("StoreUnavailableError"),
      ),
    ).toBe(true);
  } finally {
    await stack.close().catch(() => undefined);
  }
});
