/**
 * The simulator holds every message to Block Kit's limits as Slack does: each limit is accepted
 * exactly, refused one past it with `invalid_blocks` naming the place, on every way in.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validateBlocks } from "../../../../local/simulators/slack/blockKit.js";
import { startSlackSimulator } from "../../../../local/simulators/slack/startSlackSimulator.js";
import type { SlackSimulator } from "../../../../local/simulators/slack/startSlackSimulator.js";
import { rawPost, simClient } from "./testSupport.js";

let sim: SlackSimulator;
beforeAll(async () => {
  sim = await startSlackSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const x = (n: number) => "x".repeat(n);
const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const section = (text = "ok") => ({ type: "section", text: mrkdwn(text) });
const button = (over: Record<string, unknown> = {}) => ({
  type: "button",
  action_id: "a",
  text: plain("Go"),
  value: "v",
  ...over,
});
const confirm = (over: Record<string, unknown> = {}) => ({
  title: plain("Sure?"),
  text: mrkdwn("Really?"),
  confirm: plain("Yes"),
  deny: plain("No"),
  ...over,
});
const actions = (...elements: unknown[]) => ({ type: "actions", elements });

/** [what, limit, blocks with `n` of it, the json-pointer of the problem]. */
const LIMITS: Array<[string, number, (n: number) => unknown[], string]> = [
  ["blocks in a message", 50, (n) => Array.from({ length: n }, () => section()), "/blocks"],
  ["section text", 3000, (n) => [section(x(n))], "/blocks/0/text/text"],
  [
    "section fields",
    10,
    (n) => [{ type: "section", fields: Array.from({ length: n }, () => mrkdwn("f")) }],
    "/blocks/0/fields",
  ],
  [
    "section field text",
    2000,
    (n) => [{ type: "section", fields: [mrkdwn("a"), plain(x(n))] }],
    "/blocks/0/fields/1/text",
  ],
  ["block_id", 255, (n) => [{ ...section(), block_id: x(n) }], "/blocks/0/block_id"],
  ["header text", 150, (n) => [{ type: "header", text: plain(x(n)) }], "/blocks/0/text/text"],
  [
    "context elements",
    10,
    (n) => [{ type: "context", elements: Array.from({ length: n }, () => mrkdwn("c")) }],
    "/blocks/0/elements",
  ],
  ["context element text", 3000, (n) => [{ type: "context", elements: [mrkdwn(x(n))] }], "/blocks/0/elements/0/text"],
  [
    "actions elements",
    25,
    (n) => [actions(...Array.from({ length: n }, (_, i) => button({ action_id: `a${i}` })))],
    "/blocks/0/elements",
  ],
  ["button text", 75, (n) => [actions(button({ text: plain(x(n)) }))], "/blocks/0/elements/0/text/text"],
  ["button value", 2000, (n) => [actions(button({ value: x(n) }))], "/blocks/0/elements/0/value"],
  ["button action_id", 255, (n) => [actions(button({ action_id: x(n) }))], "/blocks/0/elements/0/action_id"],
  ["button url", 3000, (n) => [actions(button({ url: `https://e.x/${x(n - 12)}` }))], "/blocks/0/elements/0/url"],
  [
    "button accessibility_label",
    75,
    (n) => [actions(button({ accessibility_label: x(n) }))],
    "/blocks/0/elements/0/accessibility_label",
  ],
  [
    "accessory button text",
    75,
    (n) => [{ ...section(), accessory: button({ text: plain(x(n)) }) }],
    "/blocks/0/accessory/text/text",
  ],
  [
    "confirm title",
    100,
    (n) => [actions(button({ confirm: confirm({ title: plain(x(n)) }) }))],
    "/blocks/0/elements/0/confirm/title/text",
  ],
  [
    "confirm text",
    300,
    (n) => [actions(button({ confirm: confirm({ text: mrkdwn(x(n)) }) }))],
    "/blocks/0/elements/0/confirm/text/text",
  ],
  [
    "confirm button",
    30,
    (n) => [actions(button({ confirm: confirm({ confirm: plain(x(n)) }) }))],
    "/blocks/0/elements/0/confirm/confirm/text",
  ],
  [
    "confirm deny",
    30,
    (n) => [actions(button({ confirm: confirm({ deny: plain(x(n)) }) }))],
    "/blocks/0/elements/0/confirm/deny/text",
  ],
  [
    "accessory confirm text",
    300,
    (n) => [{ ...section(), accessory: button({ confirm: confirm({ text: plain(x(n)) }) }) }],
    "/blocks/0/accessory/confirm/text/text",
  ],
];

describe.each(LIMITS)("%s: at most %i", (_what, limit, blocksWith, pointer) => {
  it("accepts the limit itself", async () => {
    expect(validateBlocks(blocksWith(limit))).toEqual([]);
    await expect(
      simClient(sim).chat.postMessage({ channel: "C1", text: "x", blocks: blocksWith(limit) as never }),
    ).resolves.toMatchObject({ ok: true });
  });

  it("refuses one more with invalid_blocks, naming the place, and posts nothing", async () => {
    const refused = simClient(sim).chat.postMessage({
      channel: "C1",
      text: "x",
      blocks: blocksWith(limit + 1) as never,
    });
    const words = /\/(blocks|fields|elements)$/.test(pointer)
      ? `no more than ${limit} items allowed`
      : `must be less than ${limit + 1} characters`;
    await expect(refused).rejects.toMatchObject({
      data: {
        ok: false,
        error: "invalid_blocks",
        errors: [`${words} [json-pointer:${pointer}]`],
        response_metadata: { messages: [`[ERROR] ${words} [json-pointer:${pointer}]`] },
      },
    });
    expect(sim.messages("C1")).toEqual([]);
  });
});

describe("plain_text and mrkdwn", () => {
  it.each<[string, unknown[], string]>([
    ["a header in mrkdwn", [{ type: "header", text: mrkdwn("Hi") }], "/blocks/0/text"],
    ["a button's text in mrkdwn", [actions(button({ text: mrkdwn("Go") }))], "/blocks/0/elements/0/text"],
    [
      "a confirm title in mrkdwn",
      [actions(button({ confirm: confirm({ title: mrkdwn("Sure?") }) }))],
      "/blocks/0/elements/0/confirm/title",
    ],
    [
      "a confirm button in mrkdwn",
      [actions(button({ confirm: confirm({ confirm: mrkdwn("Yes") }) }))],
      "/blocks/0/elements/0/confirm/confirm",
    ],
    ["emoji on mrkdwn", [{ type: "section", text: { ...mrkdwn("hi"), emoji: true } }], "/blocks/0/text"],
    ["verbatim on plain_text", [{ type: "section", text: { ...plain("hi"), verbatim: true } }], "/blocks/0/text"],
    ["a text type Slack doesn't have", [{ type: "section", text: { type: "markdown", text: "hi" } }], "/blocks/0/text"],
  ])("refuses %s", async (_what, blocks, pointer) => {
    expect(validateBlocks(blocks)).toEqual([`[ERROR] failed to match all allowed schemas [json-pointer:${pointer}]`]);
    await expect(
      simClient(sim).chat.postMessage({ channel: "C1", text: "x", blocks: blocks as never }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
  });

  it("accepts plain_text wherever mrkdwn may go, and emoji and verbatim where they belong", () => {
    expect(
      validateBlocks([
        {
          type: "section",
          text: { ...plain("a"), emoji: false },
          fields: [plain("b"), { ...mrkdwn("c"), verbatim: true }],
        },
        {
          type: "context",
          elements: [plain("d"), mrkdwn("e"), { type: "image", image_url: "https://e.x/i.png", alt_text: "i" }],
        },
        actions(button({ confirm: confirm({ text: plain("Really?") }) })),
      ]),
    ).toEqual([]);
  });

  it.each<[string, unknown[], string]>([
    ["empty text", [section("")], "[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]"],
    [
      "a section with neither text nor fields",
      [{ type: "section" }],
      "[ERROR] must provide either text or fields [json-pointer:/blocks/0]",
    ],
    [
      "a button without text",
      [actions({ type: "button", action_id: "a" })],
      "[ERROR] missing required field: text [json-pointer:/blocks/0/elements/0/text]",
    ],
    [
      "a confirm without text",
      [actions(button({ confirm: { title: plain("t") } }))],
      "[ERROR] missing required field: text [json-pointer:/blocks/0/elements/0/confirm/text]",
    ],
    [
      "a number as a value",
      [actions(button({ value: 7 }))],
      "[ERROR] must provide a string [json-pointer:/blocks/0/elements/0/value]",
    ],
    [
      "a button style Slack doesn't have",
      [actions(button({ style: "green" }))],
      "[ERROR] must be one of: primary, danger [json-pointer:/blocks/0/elements/0/style]",
    ],
  ])("refuses %s", (_what, blocks, message) => {
    expect(validateBlocks(blocks)).toEqual([message]);
  });

  it("names every problem in one answer", () => {
    expect(validateBlocks([section(x(3001)), { type: "header", text: plain(x(151)) }])).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
      "[ERROR] must be less than 151 characters [json-pointer:/blocks/1/text/text]",
    ]);
  });
});

describe("every way a message comes in", () => {
  const tooLong = [actions(button({ confirm: confirm({ text: mrkdwn(x(301)) }) }))];

  it("chat.update refuses invalid blocks and keeps the message as it was", async () => {
    const client = simClient(sim);
    const { ts } = await client.chat.postMessage({ channel: "C1", text: "v1", blocks: [section("v1")] });
    await expect(
      client.chat.update({ channel: "C1", ts: ts!, text: "v2", blocks: tooLong as never }),
    ).rejects.toMatchObject({
      data: {
        error: "invalid_blocks",
        errors: ["must be less than 301 characters [json-pointer:/blocks/0/elements/0/confirm/text/text]"],
      },
    });
    expect(sim.messages("C1")[0]).toMatchObject({ text: "v1", blocks: [section("v1")], history: [] });
  });

  it("chat.postEphemeral refuses invalid blocks", async () => {
    await expect(
      simClient(sim).chat.postEphemeral({ channel: "C1", user: "U1", text: "x", blocks: tooLong as never }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
    expect(sim.ephemerals()).toEqual([]);
  });

  it("a response URL answers 400 invalid_blocks, records nothing, and is not used up", async () => {
    const url = sim.newResponseUrl();
    const post = (body: unknown) => rawPost(url, JSON.stringify(body), { "Content-Type": "application/json" });
    expect(await post({ text: "x", blocks: tooLong })).toMatchObject({ status: 400, text: "invalid_blocks" });
    expect(await post({ text: "x", blocks: { not: "an array" } })).toMatchObject({
      status: 400,
      text: "invalid_blocks",
    });
    expect(sim.responses).toEqual([]);
    for (let i = 0; i < 5; i++) expect((await post({ text: "x", blocks: [section()] })).status).toBe(200);
  });
});
