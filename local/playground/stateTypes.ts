// The JSON the playground page polls from GET /_playground/state. Shared by the server and the page.

export interface PlaygroundUser {
  id: string;
  name: string;
  /** What this person may do, in a few words. */
  role: string;
}

export interface PlaygroundChannel {
  id: string;
  name: string;
  purpose: string;
}

/** A channel message as Slack holds it, with its thread. */
export interface ChannelMessage {
  channel: string;
  ts: string;
  user: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  edited?: boolean;
  replies: ChannelMessage[];
}

/** Something only one person sees: the command's acknowledgement, a response_url post, or an ephemeral. */
export interface PrivateMessage {
  id: string;
  channel: string;
  /** ms since epoch, to sort it among the channel's messages. */
  at: number;
  source: "ack" | "response_url" | "ephemeral";
  /** The command the person typed, for acknowledgements. */
  command?: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

export interface PackageView {
  type: string;
  name: string;
  status: "active" | "deleted" | "deleted long ago";
  /** Set when a deleted package's name is taken by an active package of the same type. */
  nameReused: boolean;
  deletedDaysAgo?: number;
  token?: string;
}

export interface GitHubCallView {
  method: string;
  path: string;
  status: number;
  operationId: string | null;
  auth: string;
  requestId: string;
}

export interface PlaygroundState {
  workspace: string;
  /** The slash command the bot answers (SLACK_COMMAND), which the page tells people to type. */
  command: string;
  bot: { id: string; name: string };
  users: PlaygroundUser[];
  /** Where commands are typed, then any other channel the bot posted in. */
  channels: PlaygroundChannel[];
  auditChannel: PlaygroundChannel | null;
  /** Top-level messages of every channel above and of the audit channel, with their threads. */
  messages: ChannelMessage[];
  /** Only the private messages of the user named by `?as=`. */
  private: PrivateMessage[];
  github: { org: string; packages: PackageView[]; calls: GitHubCallView[] };
}

/** What the page POSTs to /_playground/command. */
export interface CommandRequest {
  as: string;
  text: string;
  channel?: string;
}

/** What the page POSTs to /_playground/click. */
export interface ClickRequest {
  as: string;
  click: { action: string; channel: string; ts: string };
}
