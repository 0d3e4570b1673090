import { createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, HandOffError } from "../../src/errors.js";
import {
  createLambdaHandOff,
  HAND_OFF_TIMEOUT_MS,
  loadLambdaHandOffConfig,
} from "../../src/handoff/createLambdaHandOff.js";
import type { WorkerJob } from "../../src/handoff/workerJob.js";
import { startLambdaSimulator, type LambdaSimulator } from "../../local/simulators/lambda/startLambdaSimulator.js";

const credentials = { accessKeyId: "AKIDHANDOFF", secretAccessKey: "hand-off-secret" };
const received: unknown[] = [];
let lambda: LambdaSimulator;

beforeAll(async () => {
  lambda = await startLambdaSimulator({
    credentials,
    region: "us-east-1",
    functions: { worker: async (event) => void received.push(event) },
  });
});
afterAll(async () => lambda.close());

const job: WorkerJob = {
  id: "job-1",
  receivedAt: "2026-11-25T00:00:00.000Z",
  slack: { kind: "command", body: { text: "acme npm x" } },
};

function handOffWith(secretAccessKey: string, functionName = "worker") {
  return createLambdaHandOff({
    functionName,
    region: "us-east-1",
    endpoint: lambda.url,
    credentials: { ...credentials, secretAccessKey },
  });
}

describe("createLambdaHandOff", () => {
  it("delivers the job unchanged through a signed Event invoke", async () => {
    await handOffWith(credentials.secretAccessKey)(job);
    await lambda.idle();
    expect(lambda.invocations.at(-1)).toMatchObject({ signatureValid: true, invocationType: "Event", status: 202 });
    expect(received).toContainEqual(job);
  });

  it("sends the invocation's trace header, signed, so the worker's run joins the request's trace", async () => {
    const trace = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1";
    const traced = createLambdaHandOff({
      functionName: "worker",
      region: "us-east-1",
      endpoint: lambda.url,
      credentials,
      traceHeader: () => trace,
    });
    await traced(job);
    expect(lambda.invocations.at(-1)).toMatchObject({ signatureValid: true, status: 202, traceHeader: trace });
    await handOffWith(credentials.secretAccessKey)(job);
    expect(lambda.invocations.at(-1)).toMatchObject({ status: 202, traceHeader: undefined });
  });

  it("fails with HandOffError when the signature is wrong (the stand-in really checks it)", async () => {
    await expect(handOffWith("wrong-secret")(job)).rejects.toThrow(HandOffError);
    expect(lambda.invocations.at(-1)).toMatchObject({ signatureValid: false, status: 403 });
  });

  it("fails with HandOffError naming the status when the function does not exist", async () => {
    await expect(handOffWith(credentials.secretAccessKey, "missing")(job)).rejects.toThrow(/answered 404/);
  });

  it("retries a throttled invoke and succeeds", async () => {
    const before = lambda.invocations.length;
    lambda.failNext(429, 1);
    await handOffWith(credentials.secretAccessKey)(job);
    expect(lambda.invocations.slice(before).map((call) => call.status)).toEqual([429, 202]);
  });

  it("gives up on a try that hangs and hands off on a fresh connection within the time allowed", async () => {
    // The first connection swallows the request and never answers; later ones answer as Lambda does.
    let connections = 0;
    const held: Socket[] = [];
    const server = createServer((socket) => {
      connections += 1;
      held.push(socket);
      if (connections > 1) socket.once("data", () => socket.end("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await createLambdaHandOff({ functionName: "worker", region: "us-east-1", endpoint, credentials })(job);
      expect(connections).toBe(2);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("tries again on a fresh connection when one breaks after the job went out, so Lambda may get it twice (the worker's job ID makes that a redelivery)", async () => {
    let connections = 0;
    const requests: string[] = [];
    const held: Socket[] = [];
    const server = createServer((socket) => {
      connections += 1;
      held.push(socket);
      const first = connections === 1;
      socket.once("data", (chunk: Buffer) => {
        requests.push(chunk.toString("latin1").split("\r\n")[0]!);
        if (first) socket.destroy();
        else socket.end("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await createLambdaHandOff({ functionName: "worker", region: "us-east-1", endpoint, credentials })(job);
      expect(requests).toEqual([
        "POST /2015-03-31/functions/worker/invocations HTTP/1.1",
        "POST /2015-03-31/functions/worker/invocations HTTP/1.1",
      ]);
      expect(connections).toBe(2);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("fails fast when nothing listens", async () => {
    const handOff = createLambdaHandOff({
      functionName: "worker",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials,
    });
    await expect(handOff(job)).rejects.toThrow(HandOffError);
  });
});

// The tries run on RETRY_POLICIES.handOff: these hold what the hand-written loop before it did.
describe("createLambdaHandOff's tries", () => {
  it("tries a 5xx three times in all, then fails with the last answer", async () => {
    const before = lambda.invocations.length;
    lambda.failNext(503, 3);
    await expect(handOffWith(credentials.secretAccessKey)(job)).rejects.toThrow(/^Lambda answered 503 /);
    expect(lambda.invocations.slice(before).map((call) => call.status)).toEqual([503, 503, 503]);
  });

  it("does not try again after a 4xx other than 429", async () => {
    const before = lambda.invocations.length;
    lambda.failNext(413);
    await expect(handOffWith(credentials.secretAccessKey)(job)).rejects.toThrow(/^Lambda answered 413 /);
    expect(lambda.invocations.slice(before).map((call) => call.status)).toEqual([413]);
  });

  it("gives up within the time allowed when no try is ever answered", async () => {
    let connections = 0;
    const held: Socket[] = [];
    const server = createServer((socket) => {
      connections += 1;
      held.push(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const handOff = createLambdaHandOff({ functionName: "worker", region: "us-east-1", endpoint, credentials });
      const started = Date.now();
      const error = await handOff(job).catch((caught: unknown) => caught);
      const took = Date.now() - started;
      expect(error).toBeInstanceOf(HandOffError);
      expect((error as Error).message).toMatch(/^Lambda did not answer or could not be reached/);
      // Two tries of 700 ms, 25 ms apart, leave the third what is left of the 1.5 s; a late timer may cost it.
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(HAND_OFF_TIMEOUT_MS + 150);
      expect(connections).toBeGreaterThanOrEqual(2);
      expect(connections).toBeLessThanOrEqual(3);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("loadLambdaHandOffConfig", () => {
  const env = {
    AWS_REGION: "eu-west-1",
    WORKER_FUNCTION_NAME: "w",
    AWS_ACCESS_KEY_ID: "a",
    AWS_SECRET_ACCESS_KEY: "SECRET-VALUE-9",
  };

  it("reads the trace header Lambda sets for each invocation when a job is handed over", () => {
    const live: Record<string, string | undefined> = { ...env };
    const config = loadLambdaHandOffConfig(live);
    expect(config.traceHeader?.()).toBeUndefined();
    live._X_AMZN_TRACE_ID = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1";
    expect(config.traceHeader?.()).toBe("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
  });

  it("defaults the endpoint to the region's Lambda API", () => {
    expect(loadLambdaHandOffConfig(env).endpoint).toBe("https://lambda.eu-west-1.amazonaws.com");
  });

  // Each partition's DNS suffix, as in the AWS SDK's partitions.json.
  it.each([
    ["us-east-1", "https://lambda.us-east-1.amazonaws.com"],
    ["il-central-1", "https://lambda.il-central-1.amazonaws.com"],
    ["cn-north-1", "https://lambda.cn-north-1.amazonaws.com.cn"],
    ["cn-northwest-1", "https://lambda.cn-northwest-1.amazonaws.com.cn"],
    ["us-gov-west-1", "https://lambda.us-gov-west-1.amazonaws.com"],
    ["us-iso-east-1", "https://lambda.us-iso-east-1.c2s.ic.gov"],
    ["us-isob-east-1", "https://lambda.us-isob-east-1.sc2s.sgov.gov"],
    ["eu-isoe-west-1", "https://lambda.eu-isoe-west-1.cloud.adc-e.uk"],
    ["us-isof-south-1", "https://lambda.us-isof-south-1.csp.hci.ic.gov"],
    ["eusc-de-east-1", "https://lambda.eusc-de-east-1.amazonaws.eu"],
  ])("places %s in its partition: %s", (region, endpoint) => {
    expect(loadLambdaHandOffConfig({ ...env, AWS_REGION: region })).toMatchObject({ region, endpoint });
  });

  it.each([
    "xx-nowhere-1",
    "eusc-fr-east-1",
    "EU-WEST-1",
    "eu-west",
    "eu-west-1\nx",
    "https://lambda.eu-west-1.amazonaws.com",
  ])("refuses AWS_REGION=%j, a region it can't place, naming the variable", (region) => {
    const error = (() => {
      try {
        loadLambdaHandOffConfig({ ...env, AWS_REGION: region });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe("AWS_REGION");
    expect((error as Error).message).toMatch(/partition/);
  });

  it("keeps LAMBDA_ENDPOINT when set, for tests", () => {
    expect(
      loadLambdaHandOffConfig({ ...env, AWS_REGION: "cn-north-1", LAMBDA_ENDPOINT: "http://127.0.0.1:4000" }).endpoint,
    ).toBe("http://127.0.0.1:4000");
  });

  it.each(["WORKER_FUNCTION_NAME", "AWS_REGION", "AWS_SECRET_ACCESS_KEY"])(
    "names a missing %s without echoing values",
    (name) => {
      const error = (() => {
        try {
          loadLambdaHandOffConfig({ ...env, [name]: undefined });
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(name);
      expect((error as Error).message).not.toContain("SECRET-VALUE-9");
    },
  );
});
