/** Interactive elements (buttons) and their confirmation dialogs; limits in ./blockKitLimits.ts. */
import { checkTextObject, isObject, problem, tooLong, type Problems } from "./blockKitChecks.js";
import {
  MAX_ACCESSIBILITY_LABEL,
  MAX_ACTION_ID,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_URL,
  MAX_BUTTON_VALUE,
  MAX_CONFIRM_BUTTON,
  MAX_CONFIRM_TEXT,
  MAX_CONFIRM_TITLE,
} from "./blockKitLimits.js";

const STYLES: readonly unknown[] = ["primary", "danger"];

function checkStyle(problems: Problems, style: unknown, pointer: string): void {
  if (style !== undefined && !STYLES.includes(style))
    problems.push(problem("must be one of: primary, danger", pointer));
}

export function checkConfirm(problems: Problems, confirm: unknown, pointer: string): void {
  if (confirm === undefined) return;
  if (!isObject(confirm)) {
    problems.push(problem("must provide an object", pointer));
    return;
  }
  checkTextObject(problems, confirm.title, `${pointer}/title`, { only: "plain_text", max: MAX_CONFIRM_TITLE });
  checkTextObject(problems, confirm.text, `${pointer}/text`, { max: MAX_CONFIRM_TEXT, required: true });
  checkTextObject(problems, confirm.confirm, `${pointer}/confirm`, { only: "plain_text", max: MAX_CONFIRM_BUTTON });
  checkTextObject(problems, confirm.deny, `${pointer}/deny`, { only: "plain_text", max: MAX_CONFIRM_BUTTON });
  checkStyle(problems, confirm.style, `${pointer}/style`);
}

/** Any interactive element has an action_id; buttons are the only kind checked in depth. */
export function checkElement(problems: Problems, element: unknown, pointer: string): void {
  if (element === undefined) return;
  if (!isObject(element) || typeof element.type !== "string") {
    problems.push(problem("missing required field: type", pointer));
    return;
  }
  tooLong(problems, element.action_id, MAX_ACTION_ID, `${pointer}/action_id`);
  checkConfirm(problems, element.confirm, `${pointer}/confirm`);
  if (element.type !== "button") return;
  checkTextObject(problems, element.text, `${pointer}/text`, {
    only: "plain_text",
    max: MAX_BUTTON_TEXT,
    required: true,
  });
  tooLong(problems, element.value, MAX_BUTTON_VALUE, `${pointer}/value`);
  tooLong(problems, element.url, MAX_BUTTON_URL, `${pointer}/url`);
  tooLong(problems, element.accessibility_label, MAX_ACCESSIBILITY_LABEL, `${pointer}/accessibility_label`);
  checkStyle(problems, element.style, `${pointer}/style`);
}
