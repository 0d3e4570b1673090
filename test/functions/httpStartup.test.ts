// functions/http.ts as Lambda starts it, with an AWS_REGION it can't place: the container must fail at start-up,
// saying which variable, rather than serve requests whose hand-off goes to an address that doesn't exist.
import { afterEach, describe, expect, it, vi } from "vitest";

const LAMBDA_ENV = {
  SLACK_SIGNING_SECRET: "startup-test-signing-secret",
  WORKER_FUNCTION_NAME: "package-restore-prod-worker",
  AWS_ACCESS_KEY_ID: "AKIDSTARTUPTEST",
  AWS_SECRET_ACCESS_KEY: "startup-test-secret-key",
  AWS_SESSION_TOKEN: "startup-test-session",
  // Nothing listens here; the module must fail before it would connect anywhere.
  LAMBDA_ENDPOINT: "",
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("functions/http.ts at start-up", () => {
  it.each(["xx-nowhere-1", "eusc-fr-east-1", "mars-north-1"])(
    "refuses AWS_REGION=%s with a ConfigError naming AWS_REGION",
    async (region) => {
      for (const [name, value] of Object.entries({ ...LAMBDA_ENV, AWS_REGION: region })) vi.stubEnv(name, value);
      const error = await import("../../functions/http.js").then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ name: "ConfigError", variable: "AWS_REGION" });
      expect((error as Error).message).not.toContain("startup-test-secret-key");
    },
  );
});
