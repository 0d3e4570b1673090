/**
 * The whole restore, look-ups and re-sends included. Lambda gives the worker 120 s, and the
 * direct path's pre-check (up to 20 s), recording the outcome and replying need the rest.
 * Apart from createOctokitClass.ts so that knowing it doesn't load Octokit (createLazyGitHubRestorer.ts).
 */
export const DEFAULT_RESTORE_BUDGET_MS = 70_000;
