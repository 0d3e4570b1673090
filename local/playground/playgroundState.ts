// What GET /_playground/state answers: the simulated Slack's channels and threads, one
// person's private messages, and the simulated GitHub org's packages and the calls it got.
import { EXAMPLE_ORG } from "../simulators/github/seed.js";
import type { GitHubSimulator } from "../simulators/github/startGitHubSimulator.js";
import { RESTORE_WINDOW_MS } from "../simulators/github/state.js";
import type { SimMessage, SlackSimulator } from "../simulators/slack/startSlackSimulator.js";
import type {
  ChannelMessage,
  GitHubCallView,
  PackageView,
  PlaygroundChannel,
  PlaygroundState,
  PrivateMessage,
} from "./stateTypes.js";
import { playgroundUsers } from "./users.js";

const DAY_MS = 86_400_000;
/** The newest GitHub calls shown; older ones scroll away. */
const MAX_CALLS = 50;

/** Who each response_url was issued for, and private acknowledgements, kept by the playground server. */
export class PrivateLog {
  private readonly owners = new Map<string, { user: string; channel: string }>();
  private readonly acks: Array<PrivateMessage & { user: string }> = [];

  /** Remembers that the response URL `url` belongs to `user` in `channel`. */
  own(url: string, user: string, channel: string): void {
    this.owners.set(url.slice(url.lastIndexOf("/") + 1), { user, channel });
  }

  addAck(user: string, message: Omit<PrivateMessage, "id" | "source">): void {
    this.acks.push({ ...message, id: `ack-${this.acks.length}`, source: "ack", user });
  }

  /** Everything only `user` sees, oldest first. */
  privateTo(user: string, slack: SlackSimulator): PrivateMessage[] {
    const mine: PrivateMessage[] = this.acks.filter((ack) => ack.user === user).map(({ user: _user, ...ack }) => ack);
    slack.responses.forEach((response, index) => {
      const owner = this.owners.get(response.id);
      if (owner?.user !== user) return;
      const body = response.body as { text?: unknown; blocks?: unknown; attachments?: unknown };
      mine.push({
        id: `response-${index}`,
        channel: owner.channel,
        at: response.at,
        source: "response_url",
        ...content(body),
      });
    });
    for (const ephemeral of slack.ephemerals()) {
      if (ephemeral.user !== user) continue;
      mine.push({
        id: `ephemeral-${ephemeral.message_ts}`,
        channel: ephemeral.channel,
        at: ephemeral.at,
        source: "ephemeral",
        ...content(ephemeral),
      });
    }
    return mine.sort((a, b) => a.at - b.at);
  }
}

function content(body: {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
}): Pick<PrivateMessage, "text" | "blocks" | "attachments"> {
  return {
    ...(typeof body.text === "string" ? { text: body.text } : {}),
    ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}),
    ...(Array.isArray(body.attachments) ? { attachments: body.attachments } : {}),
  };
}

export interface StateSources {
  slack: SlackSimulator;
  github: GitHubSimulator;
  mainChannel: PlaygroundChannel;
  auditChannel: PlaygroundChannel | null;
  privateLog: PrivateLog;
  botName: string;
  /** The slash command the bot answers. */
  command: string;
  now?: () => number;
}

export function playgroundState(sources: StateSources, asUser: string): PlaygroundState {
  const { slack, mainChannel, auditChannel } = sources;
  const messages = slack.messages().map((message) => withThread(message, slack));
  const channels = [mainChannel];
  for (const message of messages) {
    if (message.channel !== auditChannel?.id && !channels.some((channel) => channel.id === message.channel)) {
      channels.push({
        id: message.channel,
        name: message.channel.toLowerCase(),
        purpose: "another channel the bot posted in",
      });
    }
  }
  return {
    workspace: "Simulated Workspace",
    command: sources.command,
    bot: { id: "UBOT", name: sources.botName },
    users: playgroundUsers(),
    channels,
    auditChannel,
    messages,
    private: sources.privateLog.privateTo(asUser, slack),
    github: githubView(sources.github, (sources.now ?? Date.now)()),
  };
}

function withThread(message: SimMessage, slack: SlackSimulator): ChannelMessage {
  const view = (m: SimMessage): ChannelMessage => ({
    channel: m.channel,
    ts: m.ts,
    user: m.user,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
    ...(m.edited ? { edited: true } : {}),
    replies: [],
  });
  return { ...view(message), replies: slack.thread(message.channel, message.ts).map(view) };
}

function githubView(github: GitHubSimulator, now: number): PlaygroundState["github"] {
  const packages = github.packages(EXAMPLE_ORG);
  const views: PackageView[] = packages.map((pkg) => {
    const deletedAt = pkg.deletedAt?.getTime();
    const view: PackageView = {
      type: pkg.type,
      name: pkg.name,
      status: deletedAt === undefined ? "active" : now - deletedAt > RESTORE_WINDOW_MS ? "deleted long ago" : "deleted",
      nameReused:
        deletedAt !== undefined &&
        packages.some((other) => !other.deletedAt && other.type === pkg.type && other.name === pkg.name),
    };
    if (deletedAt !== undefined) view.deletedDaysAgo = Math.floor((now - deletedAt) / DAY_MS);
    if (pkg.token) view.token = pkg.token;
    return view;
  });
  const calls: GitHubCallView[] = github.calls
    .slice(-MAX_CALLS)
    .reverse()
    .map((call) => ({
      method: call.method,
      path: call.rawPath,
      status: call.status,
      operationId: call.operationId,
      auth: call.auth,
      requestId: call.requestId,
    }));
  return { org: EXAMPLE_ORG, packages: views, calls };
}
