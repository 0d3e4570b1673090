// A small Block Kit renderer: section (text, fields, a button accessory), context, actions with
// buttons (styles, confirm dialogs), divider and header. Anything else makes the whole message
// show as its raw JSON with a warning: never hidden, never guessed at.
// https://docs.slack.dev/reference/block-kit/blocks
import { escapeHtml, renderMrkdwn, renderPlain, type NameLookup } from "./mrkdwn.js";

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/** Thrown while rendering when something is outside what the playground knows. */
class Unrenderable extends Error {}

type Json = Record<string, unknown>;

export function renderMessageContent(message: MessageContent, names: NameLookup): string {
  try {
    if (message.attachments !== undefined && message.attachments.length > 0)
      throw new Unrenderable("it has attachments");
    if (message.blocks !== undefined && message.blocks.length > 0)
      return message.blocks.map((block) => renderBlock(block, names)).join("");
    if (typeof message.text === "string" && message.text !== "")
      return `<div class="block">${renderMrkdwn(message.text, names)}</div>`;
    throw new Unrenderable("it has neither text nor blocks");
  } catch (error) {
    if (!(error instanceof Unrenderable)) throw error;
    return rawJson(message, error.message);
  }
}

function rawJson(message: MessageContent, reason: string): string {
  const shown = { text: message.text, blocks: message.blocks, attachments: message.attachments };
  return [
    `<div class="unrenderable">`,
    `<div class="unrenderable-warning" role="note">\u26A0 The playground can't render this message (${escapeHtml(reason)}). Slack may show it differently; here is its raw JSON:</div>`,
    `<pre class="raw-json">${escapeHtml(JSON.stringify(shown, null, 2))}</pre>`,
    `</div>`,
  ].join("");
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function renderBlock(block: unknown, names: NameLookup): string {
  if (!isJson(block) || typeof block.type !== "string") throw new Unrenderable("a block has no type");
  switch (block.type) {
    case "section":
      return section(block, names);
    case "context":
      return `<div class="block context">${list(block.elements, "context")
        .map((element) => textObject(element, names, "context element"))
        .join("")}</div>`;
    case "actions":
      return `<div class="block actions">${list(block.elements, "actions")
        .map((element) => button(element, block.block_id, names))
        .join("")}</div>`;
    case "divider":
      return `<hr class="block divider">`;
    case "header":
      return `<div class="block header">${textObject(block.text, names, "header", ["plain_text"])}</div>`;
    default:
      throw new Unrenderable(`a block of type "${block.type}"`);
  }
}

function section(block: Json, names: NameLookup): string {
  if (block.text === undefined && block.fields === undefined)
    throw new Unrenderable("a section with neither text nor fields");
  const text =
    block.text === undefined ? "" : `<div class="section-text">${textObject(block.text, names, "section text")}</div>`;
  const fields =
    block.fields === undefined
      ? ""
      : `<div class="fields">${list(block.fields, "fields")
          .map((field) => `<div class="field">${textObject(field, names, "field")}</div>`)
          .join("")}</div>`;
  const accessory =
    block.accessory === undefined
      ? ""
      : `<div class="accessory">${button(block.accessory, block.block_id, names)}</div>`;
  return `<div class="block section"><div class="section-main">${text}${fields}</div>${accessory}</div>`;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Unrenderable(`${what} is not a list`);
  return value;
}

function textObject(
  value: unknown,
  names: NameLookup,
  where: string,
  types: readonly string[] = ["mrkdwn", "plain_text"],
): string {
  if (
    !isJson(value) ||
    typeof value.text !== "string" ||
    typeof value.type !== "string" ||
    !types.includes(value.type)
  ) {
    const type = isJson(value) && typeof value.type === "string" ? `"${value.type}"` : "unknown";
    throw new Unrenderable(`a ${where} of type ${type}`);
  }
  return value.type === "mrkdwn" ? renderMrkdwn(value.text, names) : renderPlain(value.text);
}

function button(value: unknown, blockId: unknown, names: NameLookup): string {
  if (!isJson(value) || value.type !== "button")
    throw new Unrenderable(`an element of type "${isJson(value) ? String(value.type) : "unknown"}"`);
  if (typeof value.action_id !== "string" || value.url !== undefined)
    throw new Unrenderable("a button without an action_id, or a link button");
  const style = value.style === "primary" || value.style === "danger" ? ` ${value.style}` : "";
  if (value.style !== undefined && style === "") throw new Unrenderable(`a button style "${String(value.style)}"`);
  const confirm =
    value.confirm === undefined
      ? ""
      : ` data-confirm="${escapeHtml(JSON.stringify(confirmDialog(value.confirm, names)))}"`;
  const block = typeof blockId === "string" ? ` data-block-id="${escapeHtml(blockId)}"` : "";
  return `<button type="button" class="sk-button${style}" data-action-id="${escapeHtml(value.action_id)}"${block}${confirm}>${textObject(value.text, names, "button label", ["plain_text"])}</button>`;
}

/** A confirm dialog, rendered now (so a malformed one shows as JSON) and opened on click. */
export interface ConfirmDialog {
  title: string;
  text: string;
  confirm: string;
  deny: string;
  style: "primary" | "danger" | "";
}

function confirmDialog(value: unknown, names: NameLookup): ConfirmDialog {
  if (!isJson(value)) throw new Unrenderable("a confirm dialog that is not an object");
  const style = value.style === "primary" || value.style === "danger" ? value.style : "";
  return {
    title: textObject(value.title, names, "confirm title", ["plain_text"]),
    text: textObject(value.text, names, "confirm text"),
    confirm: textObject(value.confirm, names, "confirm button", ["plain_text"]),
    deny: textObject(value.deny, names, "deny button", ["plain_text"]),
    style,
  };
}
