// The playground page: polls the server's state, renders it, and sends what the person types
// and clicks to the server, which signs it like Slack and hands it to the bot's real handler.
import type { ClickRequest, CommandRequest, PlaygroundState } from "../stateTypes.js";
import type { ConfirmDialog } from "./blocks.js";
import { auditHtml, callsHtml, channelHtml, channelsHtml, packagesHtml, usersHtml } from "./view.js";

const POLL_MS = 500;

let as = new URLSearchParams(location.search).get("as") ?? "U0REQUESTER";
let channel = "";
let state: PlaygroundState | undefined;
let shown = "";
let pendingClick: ClickRequest["click"] | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function poll(): Promise<void> {
  try {
    const response = await fetch(`/_playground/state?as=${encodeURIComponent(as)}`, { cache: "no-store" });
    if (response.ok) render(await response.text());
    else notice(`The playground's server answered HTTP ${response.status}.`);
  } catch {
    notice("The playground's server doesn't answer. Is `npm start` still running?");
  } finally {
    setTimeout(() => void poll(), POLL_MS);
  }
}

function render(json: string, force = false): void {
  if (json === shown && !force) return;
  shown = json;
  state = JSON.parse(json) as PlaygroundState;
  if (!state.channels.some((c) => c.id === channel)) channel = state.channels[0]?.id ?? "";
  const current = state.channels.find((c) => c.id === channel);
  const me = state.users.find((user) => user.id === as);
  $("workspace-name").textContent = state.workspace;
  $("users").innerHTML = usersHtml(state, as);
  $("channels").innerHTML = channelsHtml(state, channel);
  $("channel-name").textContent = `# ${current?.name ?? channel}`;
  $("channel-purpose").textContent = current?.purpose ?? "";
  $<HTMLInputElement>("composer-input").placeholder =
    `Message #${current?.name ?? ""} as ${me?.name ?? as}: type ${state.command} …`;
  $("composer-as").textContent = `You are ${me?.name ?? as} (${me?.role ?? "unknown"})`;
  keepScrolledDown($("messages"), () => ($("messages").innerHTML = channelHtml(state!, channel)));
  $("audit-name").textContent = state.auditChannel ? `# ${state.auditChannel.name}` : "Audit channel";
  keepScrolledDown($("audit"), () => ($("audit").innerHTML = auditHtml(state!)));
  $("github-title").textContent = `GitHub (simulated): org ${state.github.org}`;
  $("packages").innerHTML = packagesHtml(state.github);
  $("calls").innerHTML = callsHtml(state.github.calls);
}

/** Keeps a scrolled list at its bottom when it was there, as Slack does for new messages. */
function keepScrolledDown(element: HTMLElement, update: () => void): void {
  const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 60;
  update();
  if (atBottom) element.scrollTop = element.scrollHeight;
}

function notice(text: string): void {
  const element = $("notice");
  element.textContent = text;
  element.hidden = false;
  setTimeout(() => {
    if (element.textContent === text) element.hidden = true;
  }, 6000);
}

async function post(path: string, body: CommandRequest | ClickRequest): Promise<boolean> {
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const answer = (await response.json().catch(() => ({}))) as { error?: string };
      notice(answer.error ?? `HTTP ${response.status}`);
      return false;
    }
    return true;
  } catch {
    notice("The playground's server doesn't answer.");
    return false;
  }
}

function openConfirm(dialog: ConfirmDialog, click: ClickRequest["click"]): void {
  pendingClick = click;
  // These strings were rendered (and escaped) by the block renderer.
  $("confirm-title").innerHTML = dialog.title;
  $("confirm-text").innerHTML = dialog.text;
  $("confirm-ok").innerHTML = dialog.confirm;
  $("confirm-ok").className = `sk-button ${dialog.style === "danger" ? "danger" : "primary"}`;
  $("confirm-deny").innerHTML = dialog.deny;
  const element = $<HTMLDialogElement>("confirm-dialog");
  element.returnValue = ""; // Escape keeps the last value: never let it mean "confirm"
  element.showModal();
}

function onClick(event: MouseEvent): void {
  const target = event.target as HTMLElement;
  const user = target.closest<HTMLElement>("button[data-user]");
  if (user?.dataset.user) {
    as = user.dataset.user;
    void refresh();
    return;
  }
  const channelLink = target.closest<HTMLElement>("button[data-channel]");
  if (channelLink?.dataset.channel) {
    channel = channelLink.dataset.channel;
    render(shown, true);
    return;
  }
  const hint = target.closest<HTMLElement>("button[data-fill]");
  if (hint?.dataset.fill) {
    const input = $<HTMLInputElement>("composer-input");
    // Hints hold what follows the command, whose name the bot's configuration chooses.
    input.value = `${state?.command ?? ""} ${hint.dataset.fill}`;
    input.focus();
    return;
  }
  const button = target.closest<HTMLElement>("button[data-action-id]");
  if (!button?.dataset.actionId) return;
  const message = button.closest<HTMLElement>("article.msg");
  if (message?.dataset.private || !message?.dataset.ts || !message.dataset.channel) {
    notice("Buttons in private messages aren't wired up in the playground.");
    return;
  }
  const click = { action: button.dataset.actionId, channel: message.dataset.channel, ts: message.dataset.ts };
  if (button.dataset.confirm) openConfirm(JSON.parse(button.dataset.confirm) as ConfirmDialog, click);
  else void post("/_playground/click", { as, click }).then(refresh);
}

async function refresh(): Promise<void> {
  const response = await fetch(`/_playground/state?as=${encodeURIComponent(as)}`, { cache: "no-store" }).catch(
    () => undefined,
  );
  if (response?.ok) render(await response.text(), true);
}

document.addEventListener("click", onClick);
$<HTMLDialogElement>("confirm-dialog").addEventListener("close", () => {
  const click = pendingClick;
  pendingClick = undefined;
  if (click && $<HTMLDialogElement>("confirm-dialog").returnValue === "confirm")
    void post("/_playground/click", { as, click }).then(refresh);
});
$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>("composer-input");
  const text = input.value.trim();
  if (text === "") return;
  void post("/_playground/command", { as, text, channel }).then((ok) => {
    if (ok) input.value = "";
    return refresh();
  });
});
/** Whether this machine has a color emoji font; without one, emoji show as their :shortcode: (see playground.css). */
function canDrawEmoji(): boolean {
  const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (context === null) return true;
  context.font = "20px sans-serif";
  context.fillText("\u{1F4E6}", 0, 20);
  const pixels = context.getImageData(0, 0, 32, 32).data;
  for (let i = 0; i < pixels.length; i += 4)
    if (pixels[i] !== pixels[i + 1] || pixels[i + 1] !== pixels[i + 2]) return true;
  return false;
}

if (!canDrawEmoji()) document.documentElement.classList.add("no-emoji-font");
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void poll());
else void poll();
