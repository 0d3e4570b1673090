// The browser playground, served beside /slack/events when Slack and GitHub are both simulated, to this server's own
// address only (see refuseForeignHost.ts):
//   GET  /                      the page
//   GET  /_playground/app.js    its script (TypeScript from ./page, bundled at first request)
//   GET  /_playground/app.css   its style sheet
//   GET  /_playground/state     channels, threads, the ?as= user's private messages, GitHub's packages and calls
//   POST /_playground/command   {as, text, channel?}: a slash command (or a plain message) typed as a simulated user
//   POST /_playground/click     {as, click: {action, channel, ts}}: a click on a button of a message
// Commands and clicks become the requests Slack would send, signed here with the stack's
// signing secret and POSTed to this server's own /slack/events: the real handler path.
import type { IncomingMessage } from "node:http";
import type { HttpResponse } from "../../src/ingress/httpMessages.js";
import { jsonResponse } from "../../src/ingress/httpMessages.js";
import type { GitHubSimulator } from "../simulators/github/startGitHubSimulator.js";
import type { SlackSimulator } from "../simulators/slack/startSlackSimulator.js";
import { SIM_BOT_NAME } from "../simulators/slack/workspaceMethods.js";
import { pageFile, pageScript } from "./bundlePage.js";
import { playgroundState, PrivateLog } from "./playgroundState.js";
import { clickForm, commandForm, postSigned, slackEscape } from "./slackForms.js";
import type { PlaygroundChannel, PlaygroundUser } from "./stateTypes.js";
import { playgroundUser } from "./users.js";

export interface PlaygroundDeps {
  slack: SlackSimulator;
  /** Required: the playground acts as any simulated user, so it must never reach a real GitHub. */
  github: GitHubSimulator;
  signingSecret: string;
  auditChannelId: string | undefined;
  /** The slash command the bot answers (SLACK_COMMAND): the playground sends it for what people type. */
  command: string;
  /** Where commands are typed; default C0LOCAL1, the channel `npm run slash` uses. */
  channelId?: string;
}

export type PlaygroundRoutes = (
  request: IncomingMessage,
  readBody: () => Promise<string | undefined>,
) => Promise<HttpResponse> | undefined;

const MAX_TEXT = 4000;
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function createPlaygroundRoutes(deps: PlaygroundDeps): PlaygroundRoutes {
  const mainChannel: PlaygroundChannel = {
    id: deps.channelId ?? "C0LOCAL1",
    name: "releases",
    purpose: `where people type ${deps.command}`,
  };
  const auditChannel: PlaygroundChannel | null = deps.auditChannelId
    ? { id: deps.auditChannelId, name: "restore-audit", purpose: "one line per audit event" }
    : null;
  const privateLog = new PrivateLog();
  const sources = {
    slack: deps.slack,
    github: deps.github,
    mainChannel,
    auditChannel,
    privateLog,
    botName: SIM_BOT_NAME,
    command: deps.command,
  };

  return (request, readBody) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    switch (`${request.method} ${url.pathname}`) {
      case "GET /":
        return pageFile("index.html").then((html) =>
          asset(html, "text/html; charset=utf-8", { "content-security-policy": PAGE_POLICY }),
        );
      case "GET /_playground/app.js":
        return pageScript().then((js) => asset(js, "text/javascript; charset=utf-8"));
      case "GET /_playground/app.css":
        return pageFile("playground.css").then((css) => asset(css, "text/css; charset=utf-8"));
      case "GET /_playground/state":
        return Promise.resolve(noStore(jsonResponse(200, playgroundState(sources, url.searchParams.get("as") ?? ""))));
      case "POST /_playground/command":
        return withJson(request, readBody, (body) => command(body, eventsUrl(request)));
      case "POST /_playground/click":
        return withJson(request, readBody, (body) => click(body, eventsUrl(request)));
      default:
        return undefined;
    }
  };

  async function command(body: Record<string, unknown>, events: string): Promise<HttpResponse> {
    const user = playgroundUser(body.as);
    const typed = typeof body.text === "string" ? body.text.trim() : "";
    const channel = channelNamed(body.channel);
    if (user === undefined) return problem(400, "`as` must be one of the simulated users.");
    if (typed === "" || typed.length > MAX_TEXT)
      return problem(400, `Type ${deps.command} and its arguments (at most ${MAX_TEXT} characters).`);
    if (channel === undefined) return problem(400, "Unknown channel.");
    if (!typed.startsWith("/")) {
      // A plain message: Slack escapes what people type and the bot ignores it.
      deps.slack.postAsUser(channel.id, user.id, slackEscape(typed));
      return noStore(jsonResponse(200, { posted: true }));
    }
    const [word = "", ...rest] = typed.split(/\s+/);
    if (word !== deps.command)
      return problem(
        400,
        `${word} is not a command here. The playground knows ${deps.command}; try ${deps.command} help.`,
      );
    const at = Date.now();
    const responseUrl = issueResponseUrl(user, channel);
    const answer = await postSigned(
      events,
      deps.signingSecret,
      commandForm({ user, channel, command: deps.command, text: rest.join(" "), responseUrl }),
    );
    recordAck(user, channel, at, answer, typed);
    return noStore(jsonResponse(200, { status: answer.status }));
  }

  async function click(body: Record<string, unknown>, events: string): Promise<HttpResponse> {
    const user = playgroundUser(body.as);
    const target = body.click as { action?: unknown; channel?: unknown; ts?: unknown } | undefined;
    if (user === undefined) return problem(400, "`as` must be one of the simulated users.");
    if (typeof target?.action !== "string" || typeof target.channel !== "string" || typeof target.ts !== "string")
      return problem(400, "`click` needs action, channel and ts.");
    const message = findMessage(target.channel, target.ts);
    const button = message && findButton(message.blocks, target.action);
    if (message === undefined || button === undefined) return problem(404, "No such button on that message.");
    const channel = channelNamed(target.channel) ?? {
      id: target.channel,
      name: target.channel.toLowerCase(),
      purpose: "",
    };
    const at = Date.now();
    const responseUrl = issueResponseUrl(user, channel);
    const answer = await postSigned(
      events,
      deps.signingSecret,
      clickForm({ user, channel, message, element: button, responseUrl }),
    );
    recordAck(user, channel, at, answer);
    return noStore(jsonResponse(200, { status: answer.status }));
  }

  function issueResponseUrl(user: PlaygroundUser, channel: PlaygroundChannel): string {
    const url = deps.slack.newResponseUrl();
    privateLog.own(url, user.id, channel.id);
    return url;
  }

  /** Slack shows the body of the acknowledgement only to the person who typed or clicked. */
  function recordAck(
    user: PlaygroundUser,
    channel: PlaygroundChannel,
    at: number,
    answer: { status: number; body: string },
    typed?: string,
  ): void {
    const extra = typed === undefined ? {} : { command: typed };
    if (answer.status !== 200) {
      privateLog.addAck(user.id, {
        channel: channel.id,
        at,
        ...extra,
        text: slackEscape(`:warning: The bot answered HTTP ${answer.status}: ${answer.body.slice(0, 500)}`),
      });
      return;
    }
    if (answer.body === "") return;
    let parsed: { text?: unknown; blocks?: unknown };
    try {
      parsed = JSON.parse(answer.body) as { text?: unknown; blocks?: unknown };
    } catch {
      // Slack shows a plain-text acknowledgement as it is.
      privateLog.addAck(user.id, { channel: channel.id, at, ...extra, text: slackEscape(answer.body) });
      return;
    }
    privateLog.addAck(user.id, {
      channel: channel.id,
      at,
      ...extra,
      ...(typeof parsed.text === "string" ? { text: parsed.text } : {}),
      ...(Array.isArray(parsed.blocks) ? { blocks: parsed.blocks as unknown[] } : {}),
    });
  }

  function channelNamed(id: unknown): PlaygroundChannel | undefined {
    if (id === undefined) return mainChannel;
    if (typeof id !== "string" || !/^[CGD][A-Z0-9]{2,}$/.test(id) || id === auditChannel?.id) return undefined;
    return id === mainChannel.id ? mainChannel : { id, name: id.toLowerCase(), purpose: "" };
  }

  function findMessage(channel: string, ts: string) {
    for (const message of deps.slack.messages(channel)) {
      if (message.ts === ts) return message;
      const reply = deps.slack.thread(channel, message.ts).find((r) => r.ts === ts);
      if (reply) return reply;
    }
    return undefined;
  }
}

interface Button {
  action_id: string;
  block_id?: string;
  value?: string;
  text?: unknown;
  style?: string;
}

/** The button with `actionId` in an actions block or a section's accessory, with its block's ID. */
function findButton(blocks: unknown[] | undefined, actionId: string): Button | undefined {
  for (const block of (blocks ?? []) as Array<{
    type?: string;
    block_id?: string;
    elements?: unknown[];
    accessory?: unknown;
  }>) {
    const candidates =
      block.type === "actions" ? (block.elements ?? []) : block.type === "section" ? [block.accessory] : [];
    for (const element of candidates as Array<(Button & { type?: string }) | undefined>) {
      if (element?.type === "button" && element.action_id === actionId)
        return { ...element, ...(block.block_id ? { block_id: block.block_id } : {}) };
    }
  }
  return undefined;
}

/** This server's own request URL, from the socket the page's request came in on. */
function eventsUrl(request: IncomingMessage): string {
  const address = request.socket.localAddress ?? "127.0.0.1";
  const host = address.includes(":") ? `[${address}]` : address;
  return `http://${host}:${request.socket.localPort}/slack/events`;
}

/** Only JSON bodies: a cross-site form can't send one without the browser asking first. */
async function withJson(
  request: IncomingMessage,
  readBody: () => Promise<string | undefined>,
  handle: (body: Record<string, unknown>) => Promise<HttpResponse>,
): Promise<HttpResponse> {
  if ((request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() !== "application/json")
    return problem(415, "Send JSON.");
  const raw = await readBody();
  if (raw === undefined) return problem(413, "Too large.");
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return problem(400, "The body is not JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return problem(400, "Send a JSON object.");
  return handle(body as Record<string, unknown>);
}

function problem(statusCode: number, error: string): HttpResponse {
  return noStore(jsonResponse(statusCode, { error }));
}

function noStore(response: HttpResponse): HttpResponse {
  return {
    ...response,
    headers: { ...response.headers, "cache-control": "no-store", "x-content-type-options": "nosniff" },
  };
}

function asset(body: string, contentType: string, extra: Record<string, string> = {}): HttpResponse {
  return noStore({ statusCode: 200, headers: { "content-type": contentType, ...extra }, body });
}
