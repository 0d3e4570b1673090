import type { WebClient } from "@slack/web-api";
import { PackageRestoreError } from "../errors.js";

/** How long a user group's members are trusted before asking Slack again. */
export const GROUP_CACHE_MS = 5 * 60_000;

/** Slack can't list user groups on this workspace (free plans), so groups can't be used as allow-lists. */
export class UserGroupsUnavailableError extends PackageRestoreError {
  constructor(
    readonly groupId: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Slack can't list the members of user group ${groupId} on this workspace (plan_upgrade_required): list Slack user IDs (U…) instead of group IDs (S…).`,
      options,
    );
  }
}

/** The bot token lacks `usergroups:read`, which reading a group's members needs. */
export class UserGroupsScopeMissingError extends PackageRestoreError {
  constructor(
    readonly groupId: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The Slack app lacks the usergroups:read scope, so I can't read user group ${groupId}: a Slack admin must add the scope under OAuth & Permissions and reinstall the app.`,
      options,
    );
  }
}

/** Resolves a user group to its member IDs with `usergroups.users.list`, cached per container. */
export function createGroupMembers(
  client: WebClient,
  botToken: string,
  now: () => number = Date.now,
): (groupId: string) => Promise<readonly string[]> {
  const cache = new Map<string, { at: number; members: readonly string[] }>();
  return async (groupId) => {
    const cached = cache.get(groupId);
    if (cached !== undefined && now() - cached.at < GROUP_CACHE_MS) return cached.members;
    try {
      const result = await client.usergroups.users.list({ token: botToken, usergroup: groupId });
      const members = result.users ?? [];
      cache.set(groupId, { at: now(), members });
      return members;
    } catch (error) {
      const slackError = (error as { data?: { error?: string } }).data?.error;
      if (slackError === "plan_upgrade_required") throw new UserGroupsUnavailableError(groupId, { cause: error });
      if (slackError === "missing_scope") throw new UserGroupsScopeMissingError(groupId, { cause: error });
      throw error;
    }
  };
}
