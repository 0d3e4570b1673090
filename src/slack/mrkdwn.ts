import { escapeMrkdwn } from "./escapeMrkdwn.js";

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
 * User text as inline code: escaped, and with backticks swapped for a look-alike
 * so it can't close the span. Inside code Slack applies no formatting.
 */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text).replace(/`/g, "ˋ")}\``;
}
