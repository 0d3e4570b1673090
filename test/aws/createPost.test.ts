import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPost, IDLE_REUSE_MS } from "../../src/aws/createPost.js";
import { HttpExchangeError } from "../../src/errors.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const CERT = fixture("test-only-localhost.cert.pem");

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Which server-side connection carried the request, numbered from 1. */
  connection: number;
}

const servers: Array<Server | TcpServer> = [];
const rawSockets = new Set<Socket>();
afterEach(async () => {
  vi.useRealTimers();
  for (const socket of rawSockets) socket.destroy();
  rawSockets.clear();
  for (const server of servers) if ("closeAllConnections" in server) server.closeAllConnections();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

type Answer = (seen: Seen, response: ServerResponse) => void;

/** A real node:http(s) server on 127.0.0.1 that records every request and answers with `answer`. */
async function startServer(answer: Answer, tls: false | "test-only-localhost" | "test-only-other-name" = false) {
  const seen: Seen[] = [];
  const connections = new Map<Socket, number>();
  const closed: number[] = [];
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        connection: connections.get(request.socket)!,
      };
      seen.push(entry);
      answer(entry, response);
    });
  };
  const server = tls
    ? createHttpsServer({ cert: fixture(`${tls}.cert.pem`), key: fixture(`${tls}.key.pem`) }, onRequest)
    : createHttpServer(onRequest);
  servers.push(server);
  server.on(tls ? "secureConnection" : "connection", (socket: Socket) => {
    const number = connections.size + 1;
    connections.set(socket, number);
    socket.once("close", () => closed.push(number));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    seen,
    closed,
    url: new URL(`${tls ? "https" : "http"}://127.0.0.1:${port}/2015-03-31/functions/w/invocations?q=1`),
  };
}

/** A bare TCP server that answers every request with `reply` and then closes the connection. */
async function startRawServer(reply: string) {
  const server = createTcpServer((socket) => {
    rawSockets.add(socket);
    socket.once("data", () => socket.end(reply));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

const accepted: Answer = (_, response) => response.writeHead(202, { "content-type": "application/json" }).end("");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createPost", () => {
  it("sends one POST with the caller's headers, the host, the length and the UTF-8 body, and returns status and body", async () => {
    const { seen, url } = await startServer((_, response) =>
      response.writeHead(400, { "content-type": "application/json" }).end('{"message":"no ✓"}'),
    );
    const answer = await createPost(url)(
      { "content-type": "application/json", "x-amz-invocation-type": "Event" },
      '{"text":"é ✓"}',
      1000,
    );
    expect(answer).toEqual({ status: 400, body: '{"message":"no ✓"}' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/2015-03-31/functions/w/invocations?q=1",
      body: '{"text":"é ✓"}',
    });
    expect(seen[0]!.headers).toMatchObject({
      host: url.host,
      "content-type": "application/json",
      "x-amz-invocation-type": "Event",
      "content-length": String(Buffer.byteLength('{"text":"é ✓"}')),
    });
  });

  it("reuses one connection for calls in a row, even across Posts to the same endpoint, and opens one per call with keepAlive false", async () => {
    const kept = await startServer(accepted);
    const post = createPost(kept.url);
    for (let i = 0; i < 3; i += 1) expect((await post({}, "{}", 1000)).status).toBe(202);
    expect((await createPost(kept.url)({}, "{}", 1000)).status).toBe(202);
    expect(kept.seen.map((entry) => entry.connection)).toEqual([1, 1, 1, 1]);

    const oneOff = await startServer(accepted);
    const postOnce = createPost(oneOff.url, { keepAlive: false });
    for (let i = 0; i < 2; i += 1) await postOnce({}, "{}", 1000);
    expect(oneOff.seen.map((entry) => [entry.connection, entry.headers.connection])).toEqual([
      [1, "close"],
      [2, "close"],
    ]);
  });

  it("does not reuse a kept connection the server has closed", async () => {
    const { server, seen, url } = await startServer(accepted);
    const post = createPost(url);
    await post({}, "{}", 1000);
    (server as Server).closeAllConnections(); // as a server does when its idle timeout passes
    await pause(50);
    expect((await post({}, "{}", 1000)).status).toBe(202);
    expect(seen.map((entry) => entry.connection)).toEqual([1, 2]);
  });

  it(`does not reuse a connection idle over ${IDLE_REUSE_MS} ms by the clock, as after a Lambda thaw, before any timer has run`, async () => {
    const { server, seen, url } = await startServer(accepted);
    (server as Server).keepAliveTimeout = 60_000;
    const post = createPost(url);
    await post({}, "{}", 1000);
    await post({}, "{}", 1000);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + IDLE_REUSE_MS + 1 });
    await post({}, "{}", 1000);
    await post({}, "{}", 1000);
    expect(seen.map((entry) => entry.connection)).toEqual([1, 1, 2, 2]);
  });

  it("never sends a request again by itself once it may have gone out, even on a reused connection", async () => {
    // Answers the first request of each connection and drops the connection on the second, after reading it all.
    const { seen, url } = await startServer((entry, response) =>
      seen.filter((other) => other.connection === entry.connection).length === 1
        ? accepted(entry, response)
        : response.socket?.destroy(),
    );
    const post = createPost(url);
    expect((await post({}, '{"n":1}', 1000)).status).toBe(202);
    const second = post({}, '{"n":2}', 1000);
    await expect(second).rejects.toThrow(HttpExchangeError);
    await expect(second).rejects.toThrow(/before a response arrived \(ECONNRESET\)/);
    await pause(50);
    expect(seen.map((entry) => [entry.connection, entry.body])).toEqual([
      [1, '{"n":1}'],
      [1, '{"n":2}'],
    ]);
  });

  it("gives up after timeoutMs and closes that connection, so a late answer is never read as the next one's", async () => {
    let hold = true;
    const held: ServerResponse[] = [];
    const { seen, closed, url } = await startServer((entry, response) =>
      hold ? void held.push(response) : accepted(entry, response),
    );
    const post = createPost(url);
    const started = performance.now();
    await expect(post({}, "{}", 150)).rejects.toThrow(/^No complete response within 150 ms\.$/);
    expect(performance.now() - started).toBeLessThan(1000);
    await pause(50);
    expect(closed).toEqual([1]);
    hold = false;
    expect((await post({}, "{}", 1000)).status).toBe(202);
    expect(seen.map((entry) => entry.connection)).toEqual([1, 2]);
  });

  it("fails with HttpExchangeError naming the code when nothing listens", async () => {
    const refused = createPost(new URL("http://127.0.0.1:9/"))({}, "", 1000);
    await expect(refused).rejects.toThrow(HttpExchangeError);
    await expect(refused).rejects.toThrow(/ECONNREFUSED/);
  });

  it("fails when the body is cut short or too large, without quoting any of it", async () => {
    const cut = await startRawServer("HTTP/1.1 202 Accepted\r\nContent-Length: 100\r\n\r\nSECRET-IN-BODY-7");
    const error = await createPost(cut)({}, "", 1000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpExchangeError);
    expect((error as Error).message).toMatch(/before the response was complete/);
    expect((error as Error).message).not.toContain("SECRET");

    const { url } = await startServer((_, response) => response.writeHead(200).end(Buffer.alloc(1024 * 1024 + 1, "x")));
    await expect(createPost(url)({}, "", 2000)).rejects.toThrow(/larger than 1048576 bytes/);
  });

  it("refuses a header that would split the request, and non-HTTP URLs", async () => {
    const { seen, url } = await startServer(accepted);
    const post = createPost(url);
    const refused: Array<Record<string, string>> = [
      { "x-amz-target": "a\r\nx-injected: 1" },
      // U+010D U+010A, whose low bytes are CR LF: latin1 would send them as a line break.
      { "x-amz-target": "a\u010d\u010ax-injected: 1" },
      { "x-bad name": "1" },
    ];
    for (const headers of refused) {
      const error = await post(headers, "{}", 1000).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpExchangeError);
      expect((error as Error).message).toMatch(/cannot be sent as is/);
      expect((error as Error).message).not.toContain("injected");
    }
    expect(seen).toHaveLength(0);
    expect((await post({ "x-amz-target": "naïve\tvalue" }, "{}", 1000)).status).toBe(202);
    expect(() => createPost(new URL("ftp://127.0.0.1/"))).toThrow(/Only http: and https:/);
  });

  it("speaks TLS to https endpoints, keeps the connection, and checks the certificate", async () => {
    const { seen, url } = await startServer(accepted, "test-only-localhost");
    const post = createPost(url, { ca: CERT });
    expect(await post({ "content-type": "application/json" }, '{"a":1}', 2000)).toEqual({ status: 202, body: "" });
    expect((await post({}, '{"a":2}', 2000)).status).toBe(202);
    expect(seen.map((entry) => [entry.connection, entry.body])).toEqual([
      [1, '{"a":1}'],
      [1, '{"a":2}'],
    ]);
    // Without the test CA the self-signed certificate is refused: verification is on.
    await expect(createPost(url)({}, "{}", 2000)).rejects.toThrow(/SELF_SIGNED|self.signed|UNABLE_TO_VERIFY/i);
    expect(seen).toHaveLength(2);
    // A certificate the client trusts but issued for another name fails the host check, before anything is sent.
    const otherName = await startServer(accepted, "test-only-other-name");
    const mistrusted = createPost(otherName.url, { ca: fixture("test-only-other-name.cert.pem") })({}, "{}", 2000);
    await expect(mistrusted).rejects.toThrow(HttpExchangeError);
    await expect(mistrusted).rejects.toThrow(/ERR_TLS_CERT_ALTNAME_INVALID/);
    expect(otherName.seen).toHaveLength(0);
  });
});
