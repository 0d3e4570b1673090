/** What is added where text was cut. */
export const ELLIPSIS = "…";

/**
 * Mrkdwn that must stay whole: a mention, link or date (`<…>`), or an escape (`&amp;`,
 * `&lt;`, `&#39;`). Cutting one open would show its insides or, worse, leave a `<` that
 * swallows what follows.
 */
const MRKDWN_TOKEN = /<[^<>]*>|&(?:[a-z]+|#[0-9]+);/g;

/**
 * `text` cut to at most `max` characters (JavaScript length, which is never less than
 * Slack's count), ending in "…" when it was cut. For `mrkdwn` it measures the final,
 * escaped string and never cuts inside a mention, link, date or escape; a code span left
 * open by the cut is closed after the "…", so what was inside stays unformatted. For
 * `plain_text` only a character made of two UTF-16 units is kept whole.
 */
export function shortenText(text: string, max: number, format: "mrkdwn" | "plain_text" = "mrkdwn"): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return "";
  let end = safeEnd(text, max - ELLIPSIS.length, format);
  if (format === "plain_text") return text.slice(0, end) + ELLIPSIS;
  if (countBackticks(text.slice(0, end)) % 2 === 0) return text.slice(0, end) + ELLIPSIS;
  // The cut is inside a code span: make room to close it.
  end = safeEnd(text, max - ELLIPSIS.length - 1, format);
  const kept = text.slice(0, end);
  return countBackticks(kept) % 2 === 0 ? kept + ELLIPSIS : `${kept}${ELLIPSIS}\``;
}

/** The largest cut point at or before `limit` that splits no token and no surrogate pair. */
function safeEnd(text: string, limit: number, format: "mrkdwn" | "plain_text"): number {
  let end = Math.max(0, limit);
  if (format === "mrkdwn") {
    for (const match of text.matchAll(MRKDWN_TOKEN)) {
      const start = match.index;
      if (start >= end) break;
      if (start + match[0].length > end) {
        end = start;
        break;
      }
    }
  }
  const before = text.charCodeAt(end - 1);
  if (end > 0 && before >= 0xd800 && before <= 0xdbff) end -= 1;
  return end;
}

function countBackticks(text: string): number {
  return text.split("`").length - 1;
}
