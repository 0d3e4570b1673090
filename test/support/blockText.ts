/**
 * Every string Slack would read as mrkdwn in a message: text, blocks, fields,
 * elements. The contents of plain_text objects are left out: Slack shows them literally.
 */
export function mrkdwnStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(mrkdwnStrings);
  if (typeof value === "object" && value !== null) {
    if ((value as { type?: unknown }).type === "plain_text") return [];
    return Object.values(value).flatMap(mrkdwnStrings);
  }
  return [];
}

/** The contents of every plain_text object in a message. */
export function plainTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(plainTexts);
  if (typeof value === "object" && value !== null) {
    const object = value as { type?: unknown; text?: unknown };
    if (object.type === "plain_text" && typeof object.text === "string") return [object.text];
    return Object.values(value).flatMap(plainTexts);
  }
  return [];
}
