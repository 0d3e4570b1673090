// RequestStore.update's answer when its condition fails: the record as it stood
// (the write that got there first), from the failed write itself. Run against the
// memory store and the DynamoDB store over dynalite, both with the refusal carrying
// the item as DynamoDB sends it and as dynalite sends it (without).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamoFaultProxy, type DynamoFaultProxy } from "../../local/simulators/dynamo/startDynamoFaultProxy.js";
import { LOCAL_AWS_ENV, startLocalDynamo, type LocalDynamo } from "../../local/simulators/dynamo/startLocalDynamo.js";
import { createMemoryRequestStore } from "../../local/store/createMemoryRequestStore.js";
import type { RequestStore } from "../../src/domain/ports/requestStore.js";
import type { RequestRecord } from "../../src/domain/request/requestRecord.js";
import { createDynamoRequestStore } from "../../src/store/createDynamoRequestStore.js";
import { APPROVER, OTHER_APPROVER, seed } from "../domain/request/flowFakes.js";

interface Subject {
  store: RequestStore;
  /** The DynamoDB operations the store sent while `run` ran; `undefined` for the memory store. */
  operationsOf(run: () => Promise<unknown>): Promise<string[] | undefined>;
}

const EXPIRES = "2026-11-26T12:00:00.000Z";
let serial = 0;
const pending = (store: RequestStore, overrides: Partial<RequestRecord> = {}) =>
  seed(store, { id: `race-${++serial}`, state: "pending", expiresAt: EXPIRES, deliveries: 1, ...overrides });
const decision = (by: string, jobId: string) => ({
  kind: "approved" as const,
  by,
  at: "2026-11-25T12:00:00.000Z",
  jobId,
});

function raceCases(
  name: string,
  start: () => Promise<Subject & { close(): Promise<void> }>,
  failedWriteReads: boolean,
) {
  describe(name, () => {
    let subject: Subject & { close(): Promise<void> };
    beforeAll(async () => {
      subject = await start();
    });
    afterAll(() => subject.close());
    /** What the loser of a race sends: its one write, and a read only where the refusal came without the item. */
    const loserSends = failedWriteReads ? ["UpdateItem", "GetItem"] : ["UpdateItem"];

    it("answers the record it wrote when its condition holds", async () => {
      const record = await pending(subject.store);
      const changes = { state: "approved" as const, decision: decision(APPROVER, "click-1") };
      expect(await subject.store.update(record.id, "pending", changes)).toEqual({
        applied: true,
        record: { ...record, ...changes },
      });
    });

    it("answers the loser of a race with the winner's record from its own failed write", async () => {
      const { store } = subject;
      const record = await pending(store);
      const won = { state: "approved" as const, decision: decision(APPROVER, "click-1"), deliveries: 2 };
      expect((await store.update(record.id, "pending", won)).applied).toBe(true);

      let lost: Awaited<ReturnType<RequestStore["update"]>> | undefined;
      const sent = await subject.operationsOf(async () => {
        lost = await store.update(record.id, "pending", { state: "denied", decision: decision(OTHER_APPROVER, "c2") });
      });

      expect(lost).toEqual({ applied: false, current: { ...record, ...won } });
      if (sent !== undefined) expect(sent).toEqual(loserSends);
    });

    it("answers the current record when only the expiry condition fails", async () => {
      const record = await pending(subject.store);
      const changes = { state: "approved" as const, decision: decision(APPROVER, "click-1") };
      const late = await subject.store.update(record.id, "pending", changes, { unexpiredAt: EXPIRES });
      expect(late).toEqual({ applied: false, current: record });
    });

    it("answers the current record when another job holds the lease", async () => {
      const record = await pending(subject.store, { state: "received", leaseUntil: "2026-11-25T12:01:00.000Z" });
      const taking = await subject.store.update(
        record.id,
        "received",
        { leaseUntil: "2026-11-25T12:02:00.000Z" },
        { leaseFreeAt: "2026-11-25T12:00:30.000Z" },
      );
      expect(taking).toEqual({ applied: false, current: record });
    });

    it("answers no record, after one read, when the request does not exist", async () => {
      let answer: Awaited<ReturnType<RequestStore["update"]>> | undefined;
      const sent = await subject.operationsOf(async () => {
        answer = await subject.store.update("race-missing", "pending", { state: "approved" });
      });
      expect(answer).toEqual({ applied: false, current: undefined });
      // DynamoDB sends no item when there is none, so the store reads to tell a missing record from dynalite's silence.
      if (sent !== undefined) expect(sent).toEqual(["UpdateItem", "GetItem"]);
    });

    it("of ten writers racing at once, one applies and each of the others is answered with its record", async () => {
      const { store } = subject;
      const record = await pending(store);
      const clicks = Array.from({ length: 10 }, (_, i) => ({
        state: "approved" as const,
        decision: decision(`U0APPR${i}`, `click-${i}`),
      }));
      let answers: Awaited<ReturnType<RequestStore["update"]>>[] = [];
      const sent = await subject.operationsOf(async () => {
        answers = await Promise.all(clicks.map((changes) => store.update(record.id, "pending", changes)));
      });

      const applied = answers.flatMap((answer) => (answer.applied ? [answer.record] : []));
      expect(applied).toHaveLength(1);
      const winner = applied[0]!;
      expect(clicks.map((changes) => ({ ...record, ...changes }))).toContainEqual(winner);
      expect(answers.filter((answer) => !answer.applied)).toEqual(
        Array.from({ length: 9 }, () => ({ applied: false, current: winner })),
      );
      if (sent !== undefined)
        expect(sent.filter((operation) => operation === "GetItem")).toHaveLength(failedWriteReads ? 9 : 0);
    });
  });
}

raceCases(
  "memory store",
  async () => ({
    store: createMemoryRequestStore(),
    operationsOf: async (run) => {
      await run();
      return undefined;
    },
    close: async () => undefined,
  }),
  false,
);

async function dynamoSubject(itemOnRefusal: boolean) {
  const dynamo: LocalDynamo = await startLocalDynamo(`update-race-${itemOnRefusal ? "item" : "plain"}`);
  const proxy: DynamoFaultProxy = await startDynamoFaultProxy(dynamo.endpoint);
  proxy.sendItemOnRefusal(itemOnRefusal);
  const store = createDynamoRequestStore({
    tableName: dynamo.tableName,
    endpoint: proxy.endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  return {
    store,
    operationsOf: async (run: () => Promise<unknown>) => {
      const before = proxy.forwarded.length;
      await run();
      return proxy.forwarded.slice(before);
    },
    close: async () => {
      await proxy.close();
      await dynamo.close();
    },
  };
}

raceCases("DynamoDB store, the refusal carrying the item as DynamoDB sends it", () => dynamoSubject(true), false);
raceCases("DynamoDB store over dynalite as it is, whose refusal carries no item", () => dynamoSubject(false), true);
