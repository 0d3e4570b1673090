import { describe, expect, it } from "vitest";
import { retrying, type Attempt, type RetryPolicy } from "../../src/retry/retrying.js";

/** A clock that moves only when the retry loop waits. */
function fakeTime() {
  let t = 0;
  const waits: number[] = [];
  const advance = (ms: number) => {
    t += ms;
  };
  const sleep = async (ms: number) => {
    waits.push(ms);
    advance(ms);
  };
  return { now: () => t, sleep, waits, advance };
}

const policy: RetryPolicy = { attempts: 4, delayMs: (retry) => 100 * retry };

describe("retrying", () => {
  it("returns the first result that is done, waiting the policy's delays between tries", async () => {
    const time = fakeTime();
    const answers: Attempt<string>[] = [{ again: "503" }, { again: "503" }, { done: "ok" }];
    const tries: number[] = [];
    const result = await retrying(
      policy,
      async (n) => {
        tries.push(n);
        return answers[n - 1]!;
      },
      time,
    );
    expect(result).toEqual({ done: "ok" });
    expect(tries).toEqual([1, 2, 3]);
    expect(time.waits).toEqual([100, 200]);
  });

  it("gives up after the policy's attempts, with the last reason and the count", async () => {
    const time = fakeTime();
    let n = 0;
    const result = await retrying(policy, async () => ({ again: `failure ${++n}` }), time);
    expect(result).toEqual({ gaveUp: "failure 4", tries: 4 });
    expect(time.waits).toEqual([100, 200, 300]);
  });

  it("waits at least what the other side asked for", async () => {
    const time = fakeTime();
    let n = 0;
    await retrying(policy, async () => (++n < 3 ? { again: "ratelimited", waitAtLeastMs: 1500 } : { done: 1 }), time);
    expect(time.waits).toEqual([1500, 1500]);
  });

  it("starts no try after withinMs, and offers each try the time left", async () => {
    const time = fakeTime();
    const left: number[] = [];
    const result = await retrying(
      { attempts: 10, delayMs: () => 400, withinMs: 1000 },
      async (_, remainingMs) => {
        left.push(remainingMs);
        time.advance(100);
        return { again: "slow" };
      },
      time,
    );
    expect(left).toEqual([1000, 500]);
    // No wait that would end at the deadline, with no try after it.
    expect(time.waits).toEqual([400]);
    expect(result).toEqual({ gaveUp: "slow", tries: 2 });
  });

  it("stops once the signal aborts", async () => {
    const controller = new AbortController();
    let tries = 0;
    const result = await retrying(
      policy,
      async () => {
        tries += 1;
        if (tries === 2) controller.abort();
        return { again: "down" };
      },
      {
        signal: controller.signal,
        sleep: async () => undefined,
      },
    );
    expect(result).toEqual({ gaveUp: "down", tries: 2 });
  });
});
