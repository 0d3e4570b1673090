/** Slack user IDs and user-group IDs, as plain strings. */
export interface AllowList {
  users: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

/** Who may ask for restores, and of which orgs. `null` means no restriction. */
export interface RestorePolicy {
  requesters: AllowList | null;
  orgs: ReadonlySet<string> | null;
}

export function isOrgAllowed(policy: RestorePolicy, org: string): boolean {
  return policy.orgs === null || policy.orgs.has(org.toLowerCase());
}

/**
 * Whether a user is on an allow-list (requesters or approvers), directly or through a user group.
 * `membersOf` resolves a group (the Slack adapter caches it); groups are only
 * resolved when the user is not listed directly.
 */
export async function isOnAllowList(
  list: AllowList | null,
  userId: string,
  membersOf: (groupId: string) => Promise<readonly string[]>,
): Promise<boolean> {
  if (list === null || list.users.has(userId)) return true;
  for (const group of list.groups) {
    if ((await membersOf(group)).includes(userId)) return true;
  }
  return false;
}
