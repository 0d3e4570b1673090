/** Latency and failures of the worker's calls to GitHub and Slack, one call per try (retries count apiece). */
export interface CallMetrics {
  /** One GitHub API request: GitHub's HTTP status, or `network` when no answer came. */
  githubCall(ms: number, status: number | "network"): void;
  /** One Slack request (Web API or response URL): Slack's error code (`not_in_channel`, `http_503`, `network`), none when it went through. */
  slackCall(ms: number, error?: string): void;
}
