import { expect, it } from "vitest";
import { describeWait } from "../../src/slack/describeWait.js";

it.each([
  [24 * 3_600_000, "24 h"],
  [24 * 3_600_000 + 400, "24 h"],
  [24 * 3_600_000 + 3 * 60_000, "24 h"],
  [7 * 86_400_000, "7 days"],
  [86_400_000, "24 h"],
  [30 * 60_000, "30 min"],
  [90_000, "90 s"],
  [45 * 60_000 + 20_000, "45 min"],
])("%d ms reads %s", (ms, words) => {
  expect(describeWait(ms)).toBe(words);
});
