import { LOCAL_AWS_ENV, startLocalDynamo } from "../../local/simulators/dynamo/startLocalDynamo.js";
import type { Env } from "../../src/config/readEnv.js";
import { startDynamoFaultProxy, type DynamoFaultProxy } from "../../local/simulators/dynamo/startDynamoFaultProxy.js";
import { startTestStack, type TestStack } from "./startTestStack.js";

export interface FaultyStack {
  stack: TestStack;
  /** In front of the stack's dynalite: makes chosen DynamoDB calls fail. */
  proxy: DynamoFaultProxy;
  /** Runs `body` with the worker's clock moved `offsetMs` ahead, then puts it back. */
  at<T>(offsetMs: number, body: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The test stack over its own dynalite table behind the DynamoDB fault proxy, with a clock tests can move. */
export async function startFaultyStack(tableName: string, env: Env = {}): Promise<FaultyStack> {
  const dynamo = await startLocalDynamo(tableName);
  const proxy = await startDynamoFaultProxy(dynamo.endpoint);
  let offsetMs = 0;
  const stack = await startTestStack(
    { ...env, TABLE_NAME: dynamo.tableName, DYNAMODB_ENDPOINT: proxy.endpoint, ...LOCAL_AWS_ENV },
    { now: () => new Date(Date.now() + offsetMs) },
  );
  return {
    stack,
    proxy,
    async at(ms, body) {
      offsetMs = ms;
      try {
        return await body();
      } finally {
        offsetMs = 0;
      }
    },
    async close() {
      await stack.close();
      await proxy.close();
      await dynamo.close();
    },
  };
}
