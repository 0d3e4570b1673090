/**
 * Block Kit validation for every message the simulator receives (chat.postMessage, chat.update,
 * chat.postEphemeral and response URLs): the limits in ./blockKitLimits.ts, with their sources.
 * Block types the bot never sends (images, inputs, rich text…) are let through unchecked.
 *
 * How Slack refuses: the Web API answers HTTP 200
 *   {"ok":false,"error":"invalid_blocks","errors":["<what> [json-pointer:/blocks/0/…]"],
 *    "response_metadata":{"messages":["[ERROR] <what> [json-pointer:/blocks/0/…]"]}}
 * (a server answer quoted in slackapi/bolt-python#1016; the `errors` list also in
 * slackapi/java-slack-sdk#1017), while a response URL (like an incoming webhook) answers HTTP 400
 * with the bare body `invalid_blocks` (java-slack-sdk#1017; sourcegraph/sourcegraph#49979).
 */
import { checkElement } from "./blockKitElements.js";
import { checkTextObject, isObject, problem, tooLong, tooMany, type Problems } from "./blockKitChecks.js";
import {
  MAX_ACTIONS_ELEMENTS,
  MAX_BLOCK_ID,
  MAX_BLOCKS,
  MAX_CONTEXT_ELEMENTS,
  MAX_FIELD_TEXT,
  MAX_HEADER_TEXT,
  MAX_SECTION_FIELDS,
  MAX_SECTION_TEXT,
} from "./blockKitLimits.js";

export { MAX_BLOCKS, MAX_SECTION_TEXT } from "./blockKitLimits.js";

function checkSection(problems: Problems, block: Record<string, unknown>, pointer: string): void {
  if (block.text === undefined && block.fields === undefined)
    problems.push(problem("must provide either text or fields", pointer));
  checkTextObject(problems, block.text, `${pointer}/text`, { max: MAX_SECTION_TEXT });
  if (block.fields !== undefined && !Array.isArray(block.fields))
    problems.push(problem("must provide an array", `${pointer}/fields`));
  tooMany(problems, block.fields, MAX_SECTION_FIELDS, `${pointer}/fields`);
  if (Array.isArray(block.fields)) {
    for (const [i, field] of block.fields.entries()) {
      checkTextObject(problems, field, `${pointer}/fields/${i}`, { max: MAX_FIELD_TEXT });
    }
  }
  checkElement(problems, block.accessory, `${pointer}/accessory`);
}

function checkContext(problems: Problems, block: Record<string, unknown>, pointer: string): void {
  if (!Array.isArray(block.elements)) {
    problems.push(problem("must provide an array", `${pointer}/elements`));
    return;
  }
  tooMany(problems, block.elements, MAX_CONTEXT_ELEMENTS, `${pointer}/elements`);
  for (const [i, element] of block.elements.entries()) {
    // Images are the only elements besides text objects; their own fields are not checked.
    if (!(isObject(element) && element.type === "image"))
      checkTextObject(problems, element, `${pointer}/elements/${i}`);
  }
}

function checkActions(problems: Problems, block: Record<string, unknown>, pointer: string): void {
  if (!Array.isArray(block.elements)) {
    problems.push(problem("must provide an array", `${pointer}/elements`));
    return;
  }
  tooMany(problems, block.elements, MAX_ACTIONS_ELEMENTS, `${pointer}/elements`);
  for (const [i, element] of block.elements.entries()) checkElement(problems, element, `${pointer}/elements/${i}`);
}

function checkBlock(problems: Problems, block: unknown, pointer: string): void {
  if (!isObject(block) || typeof block.type !== "string") {
    problems.push(problem("missing required field: type", pointer));
    return;
  }
  tooLong(problems, block.block_id, MAX_BLOCK_ID, `${pointer}/block_id`);
  switch (block.type) {
    case "section":
      checkSection(problems, block, pointer);
      break;
    case "header":
      checkTextObject(problems, block.text, `${pointer}/text`, {
        only: "plain_text",
        max: MAX_HEADER_TEXT,
        required: true,
      });
      break;
    case "context":
      checkContext(problems, block, pointer);
      break;
    case "actions":
      checkActions(problems, block, pointer);
      break;
  }
}

/** Slack-style `[ERROR] ...` messages; an empty list means the blocks pass. */
export function validateBlocks(blocks: unknown[]): string[] {
  const problems: Problems = [];
  tooMany(problems, blocks, MAX_BLOCKS, "/blocks");
  for (const [i, block] of blocks.entries()) checkBlock(problems, block, `/blocks/${i}`);
  return problems;
}
