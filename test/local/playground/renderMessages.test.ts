// The playground page's Block Kit and mrkdwn renderer, without a browser.
import { describe, expect, it } from "vitest";
import { renderMessageContent } from "../../../local/playground/page/blocks.js";
import { renderMrkdwn, type NameLookup } from "../../../local/playground/page/mrkdwn.js";
import { EMOJI } from "../../../local/playground/page/emoji.js";

const names: NameLookup = {
  userName: (id) => ({ U0REQUESTER: "Robin", U0APPROVER1: "Ada" })[id],
  channelName: (id) => (id === "C0LOCAL1" ? "releases" : undefined),
};
const md = (text: string) => renderMrkdwn(text, names);

describe("renderMrkdwn", () => {
  it("formats bold, italic, strike, code, code blocks and quotes", () => {
    expect(md("*Org*\nacme")).toBe("<b>Org</b><br>acme");
    expect(md("_none given_ and ~gone~")).toBe("<i>none given</i> and <s>gone</s>");
    expect(md("request `a*b*c` done")).toBe("request <code>a*b*c</code> done");
    expect(md("```\nx < 1 && *y*\n```")).toBe('<pre class="code-block">x &lt; 1 &amp;&amp; *y*\n</pre>');
    expect(md("&gt; quoted\nplain")).toBe("<blockquote>quoted</blockquote>plain");
  });

  it("leaves markers inside words alone", () => {
    expect(md("restore_started and 2*3*4")).toBe("restore_started and 2*3*4");
  });

  it("shows mentions by name, dates by their fallback, and links with their label", () => {
    expect(md("<@U0REQUESTER> and <@U0NOBODY>")).toBe(
      '<span class="mention">@Robin</span> and <span class="mention">@U0NOBODY</span>',
    );
    expect(md("<#C0LOCAL1>")).toBe('<span class="mention">#releases</span>');
    expect(md("<!date^1795575505^{date_short_pretty} at {time}|2026-11-25 02:58 UTC>")).toBe(
      '<span class="date">2026-11-25 02:58 UTC</span>',
    );
    expect(md("<https://github.com/orgs/acme/packages/container/package/team%2Fapp|on GitHub>")).toBe(
      '<a href="https://github.com/orgs/acme/packages/container/package/team%2Fapp" target="_blank" rel="noopener noreferrer">on GitHub</a>',
    );
    expect(md("<!channel>")).toBe('<span class="mention broadcast">@channel</span>');
  });

  it("turns the bot's emoji shortcodes into Unicode and leaves others as typed", () => {
    expect(md(":package: :white_check_mark: :tada:")).toBe(
      '<span class="emoji" title=":package:" data-code=":package:">\u{1F4E6}</span> <span class="emoji" title=":white_check_mark:" data-code=":white_check_mark:">\u2705</span> :tada:',
    );
  });

  it("never turns text into HTML", () => {
    // What users type reaches mrkdwn escaped (Slack and escapeMrkdwn both do that).
    expect(md("&lt;img src=x onerror=alert(1)&gt; &lt;!channel&gt; &amp;lt;")).toBe(
      "&lt;img src=x onerror=alert(1)&gt; &lt;!channel&gt; &amp;lt;",
    );
    expect(md(`"quotes" 'too'`)).toBe("&quot;quotes&quot; &#39;too&#39;");
    expect(md("<javascript:alert(1)|click>")).toBe("&lt;javascript:alert(1)|click&gt;");
    expect(md('<https://x.example/"onmouseover="alert(1)|a>')).toBe(
      '<a href="https://x.example/&quot;onmouseover=&quot;alert(1)" target="_blank" rel="noopener noreferrer">a</a>',
    );
    expect(md("<@U0REQUESTER|<b>x</b>>")).not.toContain("<b>");
    // The renderer's own markers can't be smuggled in.
    expect(md("\uE0000\uE001 *x*")).toBe("0 <b>x</b>");
  });
});

describe("renderMessageContent", () => {
  it("renders sections with fields, context, buttons with styles and confirm dialogs, dividers and headers", () => {
    const html = renderMessageContent(
      {
        text: "fallback",
        blocks: [
          { type: "header", text: { type: "plain_text", text: "Restore <now>" } },
          {
            type: "section",
            text: { type: "mrkdwn", text: "*Reason*" },
            fields: [{ type: "mrkdwn", text: "*Org*\nacme" }],
          },
          { type: "divider" },
          { type: "context", elements: [{ type: "mrkdwn", text: ":hourglass: Waiting" }] },
          {
            type: "actions",
            block_id: "restore_decision",
            elements: [
              {
                type: "button",
                action_id: "restore_approve",
                style: "primary",
                text: { type: "plain_text", text: "Approve" },
                value: "r1",
                confirm: {
                  title: { type: "plain_text", text: "Sure?" },
                  text: { type: "mrkdwn", text: "*Really*" },
                  confirm: { type: "plain_text", text: "Yes" },
                  deny: { type: "plain_text", text: "Back" },
                },
              },
              {
                type: "button",
                action_id: "restore_deny",
                style: "danger",
                text: { type: "plain_text", text: "Deny" },
                value: "r1",
              },
            ],
          },
        ],
      },
      names,
    );
    expect(html).toContain('<div class="block header">Restore &lt;now&gt;</div>');
    expect(html).toContain('<div class="fields"><div class="field"><b>Org</b><br>acme</div></div>');
    expect(html).toContain('<hr class="block divider">');
    expect(html).toContain(
      'class="sk-button primary" data-action-id="restore_approve" data-block-id="restore_decision" data-confirm="{&quot;title&quot;:&quot;Sure?&quot;,&quot;text&quot;:&quot;&lt;b&gt;Really&lt;/b&gt;&quot;',
    );
    expect(html).toContain('class="sk-button danger" data-action-id="restore_deny"');
    expect(html).not.toContain("unrenderable");
  });

  it("renders text-only messages as mrkdwn", () => {
    expect(renderMessageContent({ text: "*hi* <@U0APPROVER1>" }, names)).toBe(
      '<div class="block"><b>hi</b> <span class="mention">@Ada</span></div>',
    );
  });

  it.each([
    ["an unknown block type", { blocks: [{ type: "rich_text", elements: [] }] }, 'a block of type "rich_text"'],
    [
      "an image in a context",
      { blocks: [{ type: "context", elements: [{ type: "image", image_url: "https://x", alt_text: "x" }] }] },
      'a context element of type "image"',
    ],
    [
      "a select menu",
      { blocks: [{ type: "actions", elements: [{ type: "static_select", action_id: "a" }] }] },
      'an element of type "static_select"',
    ],
    ["attachments", { text: "x", attachments: [{ color: "good" }] }, "it has attachments"],
    ["nothing at all", {}, "it has neither text nor blocks"],
  ])("shows %s as raw JSON with a warning", (_, message, reason) => {
    const html = renderMessageContent(message as never, names);
    expect(html).toContain(`can't render this message (${reason.replace(/"/g, "&quot;")})`);
    expect(html).toContain('<pre class="raw-json">');
  });

  it("escapes the raw JSON it shows", () => {
    const html = renderMessageContent({ blocks: [{ type: "<img src=x onerror=alert(1)>" }] }, names);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("the playground's emoji", () => {
  it("covers every shortcode the bot's own messages use", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const root = new URL("../../../src/", import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith(".ts"));
    const used = new Set<string>();
    for (const file of files)
      for (const match of (await readFile(new URL(file, root), "utf8")).matchAll(/:([a-z_]+):/g)) used.add(match[1]!);
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((code) => !(code in EMOJI))).toEqual([]);
  });
});
