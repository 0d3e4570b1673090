/**
 * The simulator's in-memory workspace: identity, channel membership, usergroups,
 * messages, calls and queued faults. No HTTP in here.
 */
import type { SimEphemeral, SimMessage, SlackCall, SlackFailure, SlackSimulatorOptions } from "./types.js";

/** The bot token's scopes unless configured: the manifest's, with its optional user-group and channel reads. */
export const DEFAULT_BOT_SCOPES = [
  "commands",
  "chat:write",
  "usergroups:read",
  "channels:read",
  "groups:read",
] as const;

export type Membership = "member" | "not_in_channel" | "channel_not_found";

export interface Identity {
  botToken: string;
  botUserId: string;
  botId: string;
  teamId: string;
}

export class SlackSimState {
  readonly identity: Identity;
  readonly now: () => number;
  readonly calls: SlackCall[] = [];
  private botChannels: ReadonlySet<string> | "all-public";
  private userGroups = new Map<string, string[]>();
  private planUpgradeRequired: boolean;
  private scopes: ReadonlySet<string>;
  /** Every message, thread replies included, in post order. */
  private readonly store: SimMessage[] = [];
  private readonly ephemeralStore: SimEphemeral[] = [];
  private readonly faults = new Map<string, SlackFailure[]>();
  private tsSeconds = 0;
  private tsMicros = 0;

  constructor(opts: SlackSimulatorOptions) {
    this.identity = {
      botToken: opts.botToken ?? "xoxb-test-token",
      botUserId: opts.botUserId ?? "UBOT",
      botId: opts.botId ?? "BBOT",
      teamId: opts.teamId ?? "T0001",
    };
    this.now = opts.now ?? Date.now;
    this.botChannels = opts.botChannels ? new Set(opts.botChannels) : "all-public";
    this.setUserGroups(opts.userGroups ?? {});
    this.planUpgradeRequired = opts.planUpgradeRequired ?? false;
    this.scopes = new Set(opts.scopes ?? DEFAULT_BOT_SCOPES);
  }

  // --- configuration -------------------------------------------------------

  setBotChannels(channels: string[] | "all-public"): void {
    this.botChannels = channels === "all-public" ? "all-public" : new Set(channels);
  }

  setUserGroups(groups: Record<string, string[]>): void {
    this.userGroups = new Map(Object.entries(groups).map(([id, users]) => [id, [...users]]));
  }

  setScopes(scopes: readonly string[]): void {
    this.scopes = new Set(scopes);
  }

  hasScope(scope: string): boolean {
    return this.scopes.has(scope);
  }

  /** As Slack lists them in `x-oauth-scopes` and a missing_scope answer's `provided`. */
  scopeList(): string {
    return [...this.scopes].join(",");
  }

  setPlanUpgradeRequired(v: boolean): void {
    this.planUpgradeRequired = v;
  }

  isPlanUpgradeRequired(): boolean {
    return this.planUpgradeRequired;
  }

  usergroupMembers(id: string): string[] | undefined {
    const users = this.userGroups.get(id);
    return users ? [...users] : undefined;
  }

  /**
   * Whether the bot may post in `channel`, and if not, the error Slack gives:
   * public channels say `not_in_channel`; private channels, DMs and unknown ids hide
   * their existence with `channel_not_found`.
   */
  membership(channel: string): Membership {
    const member = this.botChannels === "all-public" ? channel.startsWith("C") : this.botChannels.has(channel);
    if (member) return "member";
    return channel.startsWith("C") ? "not_in_channel" : "channel_not_found";
  }

  // --- timestamps -----------------------------------------------------------

  /** A unique, increasing Slack-style ts ("1732500000.000100") on the simulator clock. */
  nextTs(): string {
    const seconds = Math.floor(this.now() / 1000);
    if (seconds > this.tsSeconds) {
      this.tsSeconds = seconds;
      this.tsMicros = 100;
    } else {
      this.tsMicros += 100;
      if (this.tsMicros >= 1_000_000) {
        this.tsSeconds += 1;
        this.tsMicros = 100;
      }
    }
    return `${this.tsSeconds}.${String(this.tsMicros).padStart(6, "0")}`;
  }

  // --- messages -------------------------------------------------------------

  addMessage(message: Omit<SimMessage, "ts" | "history">): SimMessage {
    const stored: SimMessage = { ...message, ts: this.nextTs(), history: [] };
    this.store.push(stored);
    return stored;
  }

  /** The live stored message (not a copy): callers may update it. */
  findMessage(channel: string, ts: string): SimMessage | undefined {
    return this.store.find((m) => m.channel === channel && m.ts === ts);
  }

  topLevel(channel?: string): SimMessage[] {
    return this.store
      .filter((m) => m.thread_ts === undefined && (channel === undefined || m.channel === channel))
      .map((m) => structuredClone(m));
  }

  replies(channel: string, threadTs: string): SimMessage[] {
    return this.store.filter((m) => m.channel === channel && m.thread_ts === threadTs).map((m) => structuredClone(m));
  }

  /** Replies whose parent is not in the channel (Slack accepts these but shows them nowhere). */
  orphanReplies(): SimMessage[] {
    return this.store
      .filter((m) => m.thread_ts !== undefined && !this.findMessage(m.channel, m.thread_ts))
      .map((m) => structuredClone(m));
  }

  addEphemeral(ephemeral: SimEphemeral): void {
    this.ephemeralStore.push(ephemeral);
  }

  ephemerals(channel?: string): SimEphemeral[] {
    return this.ephemeralStore
      .filter((e) => channel === undefined || e.channel === channel)
      .map((e) => structuredClone(e));
  }

  // --- faults ---------------------------------------------------------------

  queueFault(method: string, failure: SlackFailure, times: number): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.faults.set(method, queue);
  }

  /** Removes and returns the next queued fault for `method`, if any. */
  takeFault(method: string): SlackFailure | undefined {
    const queue = this.faults.get(method);
    const failure = queue?.shift();
    if (queue && queue.length === 0) this.faults.delete(method);
    return failure;
  }

  // --- lifecycle ------------------------------------------------------------

  /** Clears recorded traffic and faults; keeps configuration and the ts clock (ts stay unique). */
  reset(): void {
    this.calls.length = 0;
    this.store.length = 0;
    this.ephemeralStore.length = 0;
    this.faults.clear();
  }
}
