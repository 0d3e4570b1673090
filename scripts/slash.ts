// `npm run slash -- acme container team/app [reason…]`: plays Slack against a running
// `npm start` with a simulated Slack: signs and sends the command, then prints what the bot posted.
import { signSlackRequest } from "../src/slack/verifySlackSignature.js";
import { LOCAL_SIGNING_SECRET } from "./localStack.js";

const base = process.env.BOT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const secret = process.env.SLACK_SIGNING_SECRET ?? LOCAL_SIGNING_SECRET;
const text = process.argv.slice(2).join(" ");
const user = process.env.SLACK_USER_ID ?? "U0LOCAL1";
const channel = process.env.SLACK_CHANNEL_ID ?? "C0LOCAL1";

const local = await fetch(`${base}/_local/response-url`).catch(() => undefined);
if (local === undefined || !local.ok) {
  console.error(`No local bot with a simulated Slack answers at ${base}. Start one with \`npm start\` (without SLACK_BOT_TOKEN).`);
  process.exit(1);
}
const { responseUrl } = (await local.json()) as { responseUrl: string };
const { simulatorUrl } = (await (await fetch(`${base}/_local/slack`)).json()) as { simulatorUrl: string };
const seenBefore = await readSlack();

const body = new URLSearchParams({
  token: "unused", team_id: "T0001", team_domain: "local", channel_id: channel, channel_name: "local",
  user_id: user, user_name: "local-user", command: "/restore-package", text, api_app_id: "A0LOCAL",
  response_url: responseUrl, trigger_id: `${Date.now()}.local`,
}).toString();
const timestamp = String(Math.floor(Date.now() / 1000));
const ack = await fetch(`${base}/slack/events`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": signSlackRequest(secret, timestamp, body) },
  body,
});
const ackBody = await ack.text();
console.log(`Acknowledgement (HTTP ${ack.status}):\n  ${readableAck(ackBody)}\n`);

interface SimMessage { channel: string; ts: string; text?: string; blocks?: Array<Record<string, unknown>>; replies?: SimMessage[] }
async function readSlack() {
  const messages = (await (await fetch(`${simulatorUrl}/_sim/messages`)).json()) as { messages: SimMessage[] };
  const responses = (await (await fetch(`${simulatorUrl}/_sim/responses`)).json()) as { responses: Array<{ body: { text?: string } }> };
  return { messages: messages.messages, responses: responses.responses };
}

const started = Date.now();
let shown = false;
while (ack.status === 200 && ackBody.includes("Got it") && Date.now() - started < 15_000) {
  const view = await readSlack();
  const mine = view.messages.slice(seenBefore.messages.length).filter((message) => message.channel === channel).at(-1);
  const privately = view.responses.slice(seenBefore.responses.length).map((response) => unescape(response.body.text ?? ""));
  const done = mine !== undefined && mine.replies !== undefined && mine.replies.length > 0;
  if (done || privately.length > 0) {
    if (mine) printMessage(mine);
    for (const text of privately) console.log(`Only visible to you:\n  ${text}`);
    shown = true;
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
if (!shown && ack.status === 200 && ackBody.includes("Got it")) console.log("No message from the bot within 15 s; see the `npm start` terminal.");

function readableAck(raw: string): string {
  try {
    return unescape((JSON.parse(raw) as { text?: string }).text ?? raw);
  } catch {
    return raw;
  }
}

function printMessage(message: SimMessage): void {
  console.log(`Posted in ${message.channel}:\n${indent(blockText(message))}`);
  for (const reply of message.replies ?? []) console.log(`  ↳ in thread:\n${indent(blockText(reply), 4)}`);
}

function blockText(message: SimMessage): string {
  const parts: string[] = [];
  for (const block of message.blocks ?? []) {
    const text = (block.text as { text?: string } | undefined)?.text;
    if (text) parts.push(text);
    for (const field of (block.fields as Array<{ text: string }> | undefined) ?? []) parts.push(field.text.replace("\n", ": "));
    for (const element of (block.elements as Array<{ text?: string }> | undefined) ?? []) if (element.text) parts.push(element.text);
  }
  return unescape(parts.length > 0 ? parts.join("\n") : (message.text ?? ""));
}

/** Shows mrkdwn's escapes as Slack renders them. */
function unescape(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function indent(text: string, spaces = 2): string {
  return text.split("\n").map((line) => " ".repeat(spaces) + line).join("\n");
}
