import { escapeMrkdwn } from "../domain/escapeMrkdwn.js";

/** A mention for a Slack user ID; anything that isn't an ID is shown as escaped text, never as markup. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A link whose label is user text. The URL must be one we built (encoded), never user input. */
export function link(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(label).replace(/\|/g, "¦")}>`;
}

/** Slack renders `<!date^…>` in each reader's own time zone; the fallback is UTC. */
export function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${iso.slice(0, 16).replace("T", " ")} UTC>`;
}

/**
 * Escapes user text and cuts it so the escaped form fits `maxLength`: escaping
 * can grow text fivefold (`&` → `&amp;`), past Slack's 3,000-character section limit.
 */
export function escapeWithin(text: string, maxLength: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= maxLength) return escaped;
  let cut = escaped.slice(0, maxLength - 1);
  // Never leave half an entity behind.
  const amp = cut.lastIndexOf("&");
  if (amp !== -1 && !/^&(amp|lt|gt);/.test(cut.slice(amp))) cut = cut.slice(0, amp);
  return `${cut}…`;
}
