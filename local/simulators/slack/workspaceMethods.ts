/**
 * auth.test, usergroups.users.list, chat.getPermalink and a minimal conversations.info.
 * https://docs.slack.dev/reference/methods/auth.test (and usergroups.users.list, conversations.info)
 */
import { compact, failure, missingArgument, missingScope, stringArg } from "./apiResult.js";
import type { MethodHandler } from "./apiResult.js";

export const SIM_TEAM_NAME = "Simulated Workspace";
export const SIM_BOT_NAME = "package-restore";
/** A fixed creation time for simulated channels (2024-11-25). */
const CHANNEL_CREATED = 1_732_500_000;

const authTest: MethodHandler = (_args, state) => {
  const { teamId, botUserId, botId } = state.identity;
  return {
    ok: true,
    url: `https://sim-${teamId.toLowerCase()}.slack.com/`,
    team: SIM_TEAM_NAME,
    user: SIM_BOT_NAME,
    team_id: teamId,
    user_id: botUserId,
    bot_id: botId,
    is_enterprise_install: false,
  };
};

/** Needs a paid plan: free workspaces answer plan_upgrade_required. */
const usergroupsUsersList: MethodHandler = (args, state) => {
  if (state.isPlanUpgradeRequired()) return failure("plan_upgrade_required");
  const usergroup = stringArg(args, "usergroup");
  if (!usergroup) return missingArgument("usergroup");
  const users = state.usergroupMembers(usergroup);
  if (!users) return failure("no_such_subteam");
  return { ok: true, users };
};

/**
 * Public channels are visible to non-members (is_member false); private ones and DMs are not. Reading a public
 * channel needs channels:read, a private one groups:read, a DM im:read.
 */
const conversationsInfo: MethodHandler = (args, state) => {
  const channel = stringArg(args, "channel");
  if (!channel) return failure("channel_not_found");
  const scope = channel.startsWith("C") ? "channels:read" : channel.startsWith("D") ? "im:read" : "groups:read";
  if (!state.hasScope(scope)) return missingScope(scope, state);
  const access = state.membership(channel);
  if (access === "channel_not_found") return failure("channel_not_found");

  const isIm = channel.startsWith("D");
  const isPublic = channel.startsWith("C");
  return {
    ok: true,
    channel: compact({
      id: channel,
      name: isIm ? undefined : `sim-${channel.toLowerCase()}`,
      is_channel: isPublic,
      is_group: false,
      is_im: isIm,
      is_private: !isPublic,
      is_archived: false,
      is_member: isIm ? undefined : access === "member",
      created: CHANNEL_CREATED,
      context_team_id: state.identity.teamId,
    }),
  };
};

/** A link to a message the simulator holds; message_not_found otherwise. */
const chatGetPermalink: MethodHandler = (args, state) => {
  const channel = stringArg(args, "channel");
  const ts = stringArg(args, "message_ts");
  if (!channel) return missingArgument("channel");
  if (!ts) return missingArgument("message_ts");
  if (!state.findMessage(channel, ts)) return failure("message_not_found");
  return {
    ok: true,
    channel,
    permalink: `https://sim-${state.identity.teamId.toLowerCase()}.slack.com/archives/${channel}/p${ts.replace(".", "")}`,
  };
};

export const workspaceMethods: Record<string, MethodHandler> = {
  "chat.getPermalink": chatGetPermalink,
  "auth.test": authTest,
  "usergroups.users.list": usergroupsUsersList,
  "conversations.info": conversationsInfo,
};
