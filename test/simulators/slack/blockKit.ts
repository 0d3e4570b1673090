/**
 * The cheap subset of Slack's Block Kit validation: the limits a bot is likely to hit.
 * Slack reports them as `invalid_blocks` with `response_metadata.messages` entries like
 * "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]".
 * Limits: https://docs.slack.dev/reference/block-kit/blocks
 */

export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
const MAX_SECTION_FIELDS = 10;
const MAX_FIELD_TEXT = 2000;
const MAX_HEADER_TEXT = 150;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_ACTIONS_ELEMENTS = 25;
const MAX_BLOCK_ID = 255;
const MAX_ACTION_ID = 255;
const MAX_BUTTON_VALUE = 2000;

type Problems = string[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function tooLong(problems: Problems, value: unknown, max: number, pointer: string): void {
  if (typeof value === "string" && value.length > max) {
    problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`);
  }
}

function tooMany(problems: Problems, value: unknown, max: number, pointer: string): void {
  if (Array.isArray(value) && value.length > max) {
    problems.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
  }
}

function checkTextObject(problems: Problems, value: unknown, max: number, pointer: string): void {
  if (isObject(value)) tooLong(problems, value.text, max, `${pointer}/text`);
}

/** Interactive elements (buttons and friends) inside `actions` blocks or section accessories. */
function checkElement(problems: Problems, element: unknown, pointer: string): void {
  if (!isObject(element)) return;
  tooLong(problems, element.action_id, MAX_ACTION_ID, `${pointer}/action_id`);
  if (element.type === "button") tooLong(problems, element.value, MAX_BUTTON_VALUE, `${pointer}/value`);
}

function checkBlock(problems: Problems, block: unknown, pointer: string): void {
  if (!isObject(block) || typeof block.type !== "string") {
    problems.push(`[ERROR] missing required field: type [json-pointer:${pointer}]`);
    return;
  }
  tooLong(problems, block.block_id, MAX_BLOCK_ID, `${pointer}/block_id`);
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) {
        problems.push(`[ERROR] must provide either text or fields [json-pointer:${pointer}]`);
      }
      checkTextObject(problems, block.text, MAX_SECTION_TEXT, `${pointer}/text`);
      tooMany(problems, block.fields, MAX_SECTION_FIELDS, `${pointer}/fields`);
      if (Array.isArray(block.fields)) {
        block.fields.forEach((f, i) => checkTextObject(problems, f, MAX_FIELD_TEXT, `${pointer}/fields/${i}`));
      }
      checkElement(problems, block.accessory, `${pointer}/accessory`);
      break;
    }
    case "header":
      checkTextObject(problems, block.text, MAX_HEADER_TEXT, `${pointer}/text`);
      break;
    case "context":
      tooMany(problems, block.elements, MAX_CONTEXT_ELEMENTS, `${pointer}/elements`);
      break;
    case "actions":
      tooMany(problems, block.elements, MAX_ACTIONS_ELEMENTS, `${pointer}/elements`);
      if (Array.isArray(block.elements)) {
        block.elements.forEach((e, i) => checkElement(problems, e, `${pointer}/elements/${i}`));
      }
      break;
    default:
      break;
  }
}

/** Returns Slack-style `[ERROR] ...` messages; an empty list means the blocks pass. */
export function validateBlocks(blocks: unknown[]): string[] {
  const problems: Problems = [];
  tooMany(problems, blocks, MAX_BLOCKS, "/blocks");
  blocks.forEach((block, i) => checkBlock(problems, block, `/blocks/${i}`));
  return problems;
}
