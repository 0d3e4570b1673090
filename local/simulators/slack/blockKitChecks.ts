/**
 * The checks Block Kit validation is made of. Each problem is worded as Slack words it in
 * `response_metadata.messages`: "[ERROR] <what> [json-pointer:<where>]". The wordings used are ones
 * Slack has been seen to send ("must be less than 3001 characters", "must be more than 0 characters",
 * "no more than 50 items allowed", "must provide a string", "failed to match all allowed schemas");
 * Slack documents no list of them, so tests should match on the pointer more than on the words.
 */
import { MAX_TEXT_OBJECT } from "./blockKitLimits.js";

export type Problems = string[];

export function problem(what: string, pointer: string): string {
  return `[ERROR] ${what} [json-pointer:${pointer}]`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function tooLong(problems: Problems, value: unknown, max: number, pointer: string): void {
  if (value === undefined) return;
  if (typeof value !== "string") problems.push(problem("must provide a string", pointer));
  else if (value.length > max) problems.push(problem(`must be less than ${max + 1} characters`, pointer));
}

export function tooMany(problems: Problems, value: unknown, max: number, pointer: string): void {
  if (Array.isArray(value) && value.length > max) problems.push(problem(`no more than ${max} items allowed`, pointer));
}

export type TextType = "plain_text" | "mrkdwn";

/**
 * A text object: `plain_text` or `mrkdwn` (or only `plain_text` where Slack says so), 1 to `max`
 * characters, `emoji` only on plain_text and `verbatim` only on mrkdwn. A missing one counts
 * only when `required`.
 */
export function checkTextObject(
  problems: Problems,
  value: unknown,
  pointer: string,
  opts: { max?: number; only?: TextType; required?: boolean } = {},
): void {
  if (value === undefined) {
    if (opts.required) problems.push(problem("missing required field: text", pointer));
    return;
  }
  if (!isObject(value)) {
    problems.push(problem("must provide an object", pointer));
    return;
  }
  const allowed: readonly unknown[] = opts.only ? [opts.only] : ["plain_text", "mrkdwn"];
  const wrongKey =
    (value.emoji !== undefined && value.type !== "plain_text") ||
    (value.verbatim !== undefined && value.type !== "mrkdwn");
  if (!allowed.includes(value.type) || wrongKey) problems.push(problem("failed to match all allowed schemas", pointer));
  if (typeof value.text !== "string") problems.push(problem("must provide a string", `${pointer}/text`));
  else if (value.text.length === 0) problems.push(problem("must be more than 0 characters", `${pointer}/text`));
  else tooLong(problems, value.text, opts.max ?? MAX_TEXT_OBJECT, `${pointer}/text`);
}
