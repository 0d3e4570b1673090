// Plays Slack against a running `npm start` with a simulated Slack, then prints what the bot posted.
//   npm run slash -- acme container team/app [reason…]     type the command (as U0REQUESTER)
//   npm run slash -- --approve | --deny | --cancel          click a button on the latest card
//   --as U0APPROVER1                                        act as another simulated user
import { signSlackRequest } from "../src/slack/verifySlackSignature.js";
import { LOCAL_SIGNING_SECRET, LOCAL_USERS } from "../local/localIdentities.js";

interface SimMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: Array<Record<string, unknown>>;
  replies?: SimMessage[];
}

const base = process.env.BOT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const secret = process.env.SLACK_SIGNING_SECRET ?? LOCAL_SIGNING_SECRET;
const channel = process.env.SLACK_CHANNEL_ID ?? "C0LOCAL1";
const args = process.argv.slice(2);
const asIndex = args.indexOf("--as");
const user = asIndex >= 0 ? (args.splice(asIndex, 2)[1] ?? "") : LOCAL_USERS.requester;
const click = ["--approve", "--deny", "--cancel"].find((flag) => args.includes(flag))?.slice(2);

const local = await fetch(`${base}/_local/response-url`).catch(() => undefined);
if (local === undefined || !local.ok) {
  console.error(
    `No local bot with a simulated Slack answers at ${base}. Start one with \`npm start\` (without SLACK_BOT_TOKEN).`,
  );
  process.exit(1);
}
const { responseUrl } = (await local.json()) as { responseUrl: string };
const { simulatorUrl, command } = (await (await fetch(`${base}/_local/slack`)).json()) as {
  simulatorUrl: string;
  command: string;
};
const before = await readSlack();

const form = click === undefined ? commandForm(args.join(" ")) : clickForm(click, latestCard(before.messages));
const body = new URLSearchParams(form).toString();
const timestamp = String(Math.floor(Date.now() / 1000));
const ack = await fetch(`${base}/slack/events`, {
  method: "POST",
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": signSlackRequest(secret, timestamp, body),
  },
  body,
});
const ackBody = await ack.text();
console.log(`Acknowledgement (HTTP ${ack.status}):\n${indent(readableAck(ackBody))}\n`);

// Wait until the bot has said something and then gone quiet for a second (a repair restores several versions,
// GitHub's writes a second apart), then show what changed.
const started = Date.now();
let after = before;
let lastChange = started;
while (Date.now() - started < 30_000) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  const now = await readSlack();
  if (JSON.stringify(now) !== JSON.stringify(after)) lastChange = Date.now();
  after = now;
  if (JSON.stringify(after) !== JSON.stringify(before) && Date.now() - lastChange > 1_000) break;
}
const changed = after.messages.filter(
  (message) => JSON.stringify(message) !== JSON.stringify(before.messages.find((old) => old.ts === message.ts)),
);
for (const message of changed) printMessage(message);
for (const response of after.responses.slice(before.responses.length))
  console.log(`Only visible to ${user}:\n${indent(unescapeMrkdwn(response.body.text ?? ""))}`);
if (changed.length === 0 && after.responses.length === before.responses.length)
  console.log("Nothing new from the bot; see the `npm start` terminal.");

function commandForm(text: string): Record<string, string> {
  return {
    token: "unused",
    team_id: "T0001",
    team_domain: "local",
    channel_id: channel,
    channel_name: "local",
    user_id: user,
    user_name: user,
    command,
    text,
    api_app_id: "A0LOCAL",
    response_url: responseUrl,
    trigger_id: `${Date.now()}.local`,
  };
}

function clickForm(action: string, card: SimMessage): Record<string, string> {
  const buttons = card.blocks?.find((block) => block.type === "actions")?.elements as
    | Array<{ action_id: string; value: string }>
    | undefined;
  const button = buttons?.find((element) => element.action_id === `restore_${action}`);
  if (button === undefined) {
    console.error("The latest card has no buttons: it has been decided already.");
    process.exit(1);
  }
  const payload = {
    type: "block_actions",
    team: { id: "T0001" },
    user: { id: user, team_id: "T0001" },
    api_app_id: "A0LOCAL",
    trigger_id: `${Date.now()}.local`,
    container: { type: "message", channel_id: card.channel, message_ts: card.ts },
    channel: { id: card.channel },
    message: { ts: card.ts },
    response_url: responseUrl,
    actions: [
      {
        type: "button",
        action_id: button.action_id,
        block_id: "restore_decision",
        value: button.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return { payload: JSON.stringify(payload) };
}

function latestCard(messages: SimMessage[]): SimMessage {
  const card =
    messages.filter((message) => message.blocks?.some((block) => block.type === "actions")).at(-1) ?? messages.at(-1);
  if (card === undefined) {
    console.error("No card to click yet: type a command first.");
    process.exit(1);
  }
  return card;
}

async function readSlack() {
  const messages = (await (await fetch(`${simulatorUrl}/_sim/messages`)).json()) as { messages: SimMessage[] };
  const responses = (await (await fetch(`${simulatorUrl}/_sim/responses`)).json()) as {
    responses: Array<{ body: { text?: string } }>;
  };
  return { messages: messages.messages, responses: responses.responses };
}

function readableAck(raw: string): string {
  if (raw === "") return "(empty: Slack shows nothing)";
  try {
    return unescapeMrkdwn((JSON.parse(raw) as { text?: string }).text ?? raw);
  } catch {
    return raw;
  }
}

function printMessage(message: SimMessage): void {
  console.log(`Card in ${message.channel}:\n${indent(blockText(message))}`);
  for (const reply of message.replies ?? []) console.log(`  ↳ in thread:\n${indent(blockText(reply), 4)}`);
}

function blockText(message: SimMessage): string {
  const parts: string[] = [];
  for (const block of message.blocks ?? []) {
    const text = (block.text as { text?: string } | undefined)?.text;
    if (text) parts.push(text);
    for (const field of (block.fields as Array<{ text: string }> | undefined) ?? [])
      parts.push(field.text.replace("\n", ": "));
    for (const element of (block.elements as Array<{ text?: string | { text: string } }> | undefined) ?? []) {
      if (typeof element.text === "string") parts.push(element.text);
      else if (block.type === "actions" && element.text) parts.push(`[ ${element.text.text} ]`);
    }
  }
  return unescapeMrkdwn(parts.length > 0 ? parts.join("\n") : (message.text ?? ""));
}

/** Shows mrkdwn's escapes as Slack renders them. */
function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function indent(text: string, spaces = 2): string {
  return text
    .split("\n")
    .map((line) => " ".repeat(spaces) + line)
    .join("\n");
}
