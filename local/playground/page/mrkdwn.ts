// Slack mrkdwn to HTML. Everything is HTML-escaped: text from users can never become markup.
// https://docs.slack.dev/messaging/formatting-message-text
import { EMOJI } from "./emoji.js";

export interface NameLookup {
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** mrkdwn escapes exactly `&`, `<` and `>`; this reads them back as the characters. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

// Finished HTML is set aside behind these markers so later steps can't touch it.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKED = /\uE000(\d+)\uE001/g;

export function renderMrkdwn(source: string, names: NameLookup): string {
  const kept: string[] = [];
  const keep = (html: string) => `${OPEN}${kept.push(html) - 1}${CLOSE}`;
  let text = source.replace(/[\uE000\uE001]/g, "");
  text = text.replace(/```([\s\S]*?)```/g, (_, code: string) =>
    keep(`<pre class="code-block">${escapeHtml(decodeEntities(code.replace(/^\n/, "")))}</pre>`),
  );
  text = text.replace(/`([^`\n]+)`/g, (_, code: string) => keep(`<code>${escapeHtml(decodeEntities(code))}</code>`));
  text = text.replace(/<([^<>\n]*)>/g, (_, inner: string) => keep(controlSequence(inner, names)));
  text = emojify(escapeHtml(decodeEntities(text)), keep);
  text = style(text, "*", "b");
  text = style(text, "_", "i");
  text = style(text, "~", "s");
  text = quotesAndLines(text);
  return text.replace(MARKED, (_, index: string) => kept[Number(index)] ?? "");
}

/** Plain text (plain_text objects, labels): escaped, with emoji shortcodes. */
export function renderPlain(text: string): string {
  const kept: string[] = [];
  const html = emojify(escapeHtml(text.replace(/[\uE000\uE001]/g, "")), (h) => `${OPEN}${kept.push(h) - 1}${CLOSE}`);
  return html.replace(MARKED, (_, index: string) => kept[Number(index)] ?? "").replace(/\n/g, "<br>");
}

function emojify(html: string, keep: (html: string) => string): string {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => {
    const char = EMOJI[name];
    return char === undefined
      ? whole
      : keep(`<span class="emoji" title=":${name}:" data-code=":${name}:">${char}</span>`);
  });
}

/** `<@U…>`, `<#C…|name>`, `<!date^…|fallback>`, `<!channel>`, `<!subteam^S…|@name>` and links. */
function controlSequence(inner: string, names: NameLookup): string {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : decodeEntities(inner.slice(bar + 1));
  const user = /^@([UW][A-Z0-9]+)$/.exec(target);
  if (user?.[1]) return `<span class="mention">@${escapeHtml(names.userName(user[1]) ?? label ?? user[1])}</span>`;
  const channel = /^#([CGD][A-Z0-9]+)$/.exec(target);
  if (channel?.[1])
    return `<span class="mention">#${escapeHtml(names.channelName(channel[1]) ?? label ?? channel[1])}</span>`;
  if (target.startsWith("!date^")) return `<span class="date">${escapeHtml(label ?? target)}</span>`;
  if (target.startsWith("!subteam^"))
    return `<span class="mention">@${escapeHtml((label ?? target.slice(9)).replace(/^@/, ""))}</span>`;
  const broadcast = /^!(channel|here|everyone)$/.exec(target);
  if (broadcast?.[1]) return `<span class="mention broadcast">@${broadcast[1]}</span>`;
  if (/^(https?:\/\/|mailto:)/i.test(target)) {
    const href = decodeEntities(target);
    return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label ?? href)}</a>`;
  }
  // Not a control sequence Slack knows: shown as written.
  return escapeHtml(`<${decodeEntities(inner)}>`);
}

/** `*bold*`, `_italic_`, `~strike~`: the markers must hug the text and stand apart from words. */
function style(html: string, marker: string, tag: string): string {
  const m = `\\${marker}`;
  const pattern = new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^${m}\\n]*?[^\\s${m}])${m}(?![\\w${m}])`, "g");
  return html.replace(pattern, (_, before: string, inner: string) => `${before}<${tag}>${inner}</${tag}>`);
}

/** Lines starting with `>` become a quote; newlines become line breaks. */
function quotesAndLines(html: string): string {
  const out: string[] = [];
  let quote: string[] = [];
  const flush = () => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join("<br>")}</blockquote>`);
    quote = [];
  };
  for (const line of html.split("\n")) {
    const quoted = /^&gt; ?(.*)$/.exec(line);
    if (quoted) {
      quote.push(quoted[1] ?? "");
      continue;
    }
    flush();
    out.push(line);
  }
  flush();
  return out
    .join("<br>")
    .replace(/<br><blockquote>/g, "<blockquote>")
    .replace(/<\/blockquote><br>/g, "</blockquote>");
}
