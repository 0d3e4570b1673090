// HTML for the page's parts, from the state the server sends. Every string from the state is escaped.
import type { ChannelMessage, GitHubCallView, PackageView, PlaygroundState, PrivateMessage } from "../stateTypes.js";
import { renderMessageContent } from "./blocks.js";
import { escapeHtml, renderPlain, type NameLookup } from "./mrkdwn.js";

export function nameLookup(state: PlaygroundState): NameLookup {
  return {
    userName: (id) => (id === state.bot.id ? state.bot.name : state.users.find((user) => user.id === id)?.name),
    channelName: (id) =>
      [...state.channels, ...(state.auditChannel ? [state.auditChannel] : [])].find((channel) => channel.id === id)
        ?.name,
  };
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function author(state: PlaygroundState, userId: string): { name: string; avatar: string; bot: boolean } {
  if (userId === state.bot.id)
    return {
      name: state.bot.name,
      avatar: `<div class="avatar bot"><span class="emoji" data-code="PR">\u{1F4E6}</span></div>`,
      bot: true,
    };
  const index = state.users.findIndex((user) => user.id === userId);
  const name = state.users[index]?.name ?? userId;
  return {
    name,
    avatar: `<div class="avatar u${index < 0 ? "x" : index}">${escapeHtml(name.slice(0, 1))}</div>`,
    bot: false,
  };
}

function meta(name: string, bot: boolean, ms: number, extra = ""): string {
  return `<div class="meta"><span class="author">${escapeHtml(name)}</span>${bot ? `<span class="app-badge">APP</span>` : ""}<time>${clock(ms)}</time>${extra}</div>`;
}

export function messageHtml(state: PlaygroundState, message: ChannelMessage, names: NameLookup): string {
  const who = author(state, message.user);
  const edited = message.edited ? `<span class="edited">(edited)</span>` : "";
  const replies =
    message.replies.length === 0
      ? ""
      : [
          `<div class="thread"><div class="thread-summary">${message.replies.length} ${message.replies.length === 1 ? "reply" : "replies"}</div>`,
          ...message.replies.map((reply) => messageHtml(state, reply, names)),
          `</div>`,
        ].join("");
  return [
    `<article class="msg" data-channel="${escapeHtml(message.channel)}" data-ts="${escapeHtml(message.ts)}">`,
    who.avatar,
    `<div class="msg-body">${meta(who.name, who.bot, Number(message.ts) * 1000, edited)}`,
    `<div class="content">${renderMessageContent(message, names)}</div>${replies}</div>`,
    `</article>`,
  ].join("");
}

export function privateHtml(state: PlaygroundState, message: PrivateMessage, names: NameLookup): string {
  const note = `<span class="only-you">Only visible to you</span>`;
  const command = message.command === undefined ? "" : `<div class="invocation">${escapeHtml(message.command)}</div>`;
  return [
    `<article class="msg private" data-private="true" data-source="${message.source}">`,
    author(state, state.bot.id).avatar,
    `<div class="msg-body">${meta(state.bot.name, true, message.at, note)}${command}`,
    `<div class="content">${renderMessageContent(message, names)}</div></div>`,
    `</article>`,
  ].join("");
}

/** The channel's messages and the viewer's private ones, in time order. */
export function channelHtml(state: PlaygroundState, channelId: string): string {
  const names = nameLookup(state);
  const entries = [
    ...state.messages
      .filter((m) => m.channel === channelId)
      .map((m) => ({ at: Number(m.ts) * 1000, html: () => messageHtml(state, m, names) })),
    ...state.private
      .filter((p) => p.channel === channelId)
      .map((p) => ({ at: p.at, html: () => privateHtml(state, p, names) })),
  ].sort((a, b) => a.at - b.at);
  if (entries.length === 0)
    return `<div class="empty">Nothing here yet. Type a command below, for example <code>${escapeHtml(state.command)} acme container team/app deleted by mistake</code>.</div>`;
  return entries.map((entry) => entry.html()).join("");
}

export function auditHtml(state: PlaygroundState): string {
  if (state.auditChannel === null) return `<div class="empty">No audit channel: AUDIT_CHANNEL_ID is not set.</div>`;
  const names = nameLookup(state);
  const lines = state.messages.filter((m) => m.channel === state.auditChannel?.id);
  if (lines.length === 0) return `<div class="empty">One line per audit event appears here.</div>`;
  return lines.map((line) => messageHtml(state, line, names)).join("");
}

export function packagesHtml(github: PlaygroundState["github"]): string {
  const rows = github.packages.map(
    (pkg) =>
      `<tr><td>${escapeHtml(pkg.type)}</td><td class="pkg-name">${escapeHtml(pkg.name)}${pkg.token ? ` <span class="token">token ${escapeHtml(pkg.token)}</span>` : ""}</td><td>${packageState(pkg)}</td></tr>`,
  );
  return `<table class="packages"><thead><tr><th>type</th><th>package in ${escapeHtml(github.org)}</th><th>state</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function packageState(pkg: PackageView): string {
  const ago =
    pkg.deletedDaysAgo === undefined ? "" : ` ${pkg.deletedDaysAgo} ${pkg.deletedDaysAgo === 1 ? "day" : "days"} ago`;
  const badge =
    pkg.status === "active"
      ? `<span class="badge active">active</span>`
      : pkg.status === "deleted"
        ? `<span class="badge deleted">deleted${ago}</span>`
        : `<span class="badge gone">deleted${ago}, past 30 days</span>`;
  return pkg.nameReused ? `${badge} <span class="badge reused">name reused</span>` : badge;
}

export function callsHtml(calls: GitHubCallView[]): string {
  if (calls.length === 0) return `<li class="empty">None yet.</li>`;
  return calls
    .map((call) => {
      const status = `<span class="status s${String(call.status).slice(0, 1)}xx">${call.status}</span>`;
      return `<li>${status} <span class="method">${escapeHtml(call.method)}</span> <code>${escapeHtml(call.path)}</code> <span class="call-meta">${escapeHtml(call.auth)} · ${escapeHtml(call.requestId)}</span></li>`;
    })
    .join("");
}

export function usersHtml(state: PlaygroundState, as: string): string {
  return state.users
    .map((user, index) =>
      [
        `<button type="button" class="user" data-user="${escapeHtml(user.id)}" aria-pressed="${user.id === as}">`,
        `<span class="avatar small u${index}">${escapeHtml(user.name.slice(0, 1))}</span>`,
        `<span class="user-text"><span class="user-name">${renderPlain(user.name)}</span><span class="user-role">${escapeHtml(user.role)}</span></span></button>`,
      ].join(""),
    )
    .join("");
}

export function channelsHtml(state: PlaygroundState, current: string): string {
  const item = (id: string, name: string, clickable: boolean) =>
    `<li><button type="button" class="channel-link" data-channel="${escapeHtml(id)}" aria-current="${id === current}"${clickable ? "" : " disabled"}># ${escapeHtml(name)}</button></li>`;
  return [
    ...state.channels.map((c) => item(c.id, c.name, true)),
    ...(state.auditChannel ? [item(state.auditChannel.id, `${state.auditChannel.name} (right)`, false)] : []),
  ].join("");
}
