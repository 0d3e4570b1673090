import { describe, expect, it } from "vitest";
import { RETRY_POLICIES } from "../../src/retry/retryPolicies.js";
import type { RetryPolicy } from "../../src/retry/retrying.js";

const waits = (policy: RetryPolicy) =>
  Array.from({ length: policy.attempts - 1 }, (_, index) => policy.delayMs(index + 1));

// The numbers the hand-written loops had before they moved onto retrying.
describe("RETRY_POLICIES", () => {
  it("hands a job off in 3 tries within 1.5 s, 25 ms × n apart", () => {
    expect(RETRY_POLICIES.handOff).toMatchObject({ attempts: 3, withinMs: 1500 });
    expect(waits(RETRY_POLICIES.handOff)).toEqual([25, 50]);
  });

  it("reads SSM in 3 tries, 100 ms × 2^(n-1) apart", () => {
    expect(waits(RETRY_POLICIES.ssmRead)).toEqual([100, 200]);
  });

  it("sends a restore again up to `resends` times, base × n² apart", () => {
    expect(waits(RETRY_POLICIES.githubResend(3, 1000))).toEqual([1000, 4000, 9000]);
    expect(RETRY_POLICIES.githubResend(0, 1000).attempts).toBe(1);
  });
});
