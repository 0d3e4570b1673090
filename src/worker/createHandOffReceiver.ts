import type { App, Receiver } from "@slack/bolt";
import type { WorkerJob } from "../handoff/workerJob.js";

/**
 * A Bolt receiver fed by the hand-off instead of HTTP. The HTTP function has
 * already verified the request and answered Slack, so `ack` does nothing here;
 * Bolt routes the body to its listeners and gives them `client` and `respond`.
 * This is the "second function" Bolt's maintainers recommend for slow work on Lambda.
 */
export interface HandOffReceiver extends Receiver {
  deliver(job: WorkerJob): Promise<void>;
}

export function createHandOffReceiver(): HandOffReceiver {
  let app: App | undefined;
  return {
    init(boltApp) {
      app = boltApp;
    },
    async start() {},
    async stop() {},
    async deliver(job) {
      if (app === undefined) throw new Error("The Bolt app has not initialised its receiver.");
      // `parsed` reaches the listeners as it came, unchecked: they read it with readParsedCommand.
      await app.processEvent({
        body: job.slack.body,
        ack: async () => {},
        customProperties: { requestId: job.id, receivedAt: job.receivedAt, parsed: job.parsed },
      });
    },
  };
}
