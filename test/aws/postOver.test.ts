import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createConnection, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { IDLE_REUSE_MS, postOver } from "../../src/aws/postOver.js";
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

/** A real node:http(s) server on 127.0.0.1 that records every request and answers with `answer`. */
async function startServer(answer: (seen: Seen, response: ServerResponse) => void, tls: false | "test-only-localhost" | "test-only-other-name" = false) {
  const seen: Seen[] = [];
  const connections = new Map<Socket, number>();
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (!connections.has(request.socket)) connections.set(request.socket, connections.size + 1);
      const entry = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), connection: connections.get(request.socket)! };
      seen.push(entry);
      answer(entry, response);
    });
  };
  const server = tls ? createHttpsServer({ cert: fixture(`${tls}.cert.pem`), key: fixture(`${tls}.key.pem`) }, onRequest) : createHttpServer(onRequest);
  servers.push(server);
  let opened = 0;
  server.on("connection", () => (opened += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, seen, url: new URL(`${tls ? "https" : "http"}://127.0.0.1:${port}/2015-03-31/functions/w/invocations?q=1`), opened: () => opened };
}

/** A bare TCP server that answers every connection with `reply` (bytes, in pieces) and then does what `then` says. */
async function startRawServer(reply: Buffer[], then: "close" | "hang" = "close") {
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections += 1;
    rawSockets.add(socket);
    socket.once("data", async () => {
      for (const piece of reply) {
        socket.write(piece);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (then === "close") socket.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`), { connections: () => connections });
}

const accepted = (_: Seen, response: ServerResponse) => response.writeHead(202, { "content-type": "application/json" }).end("");

describe("postOver", () => {
  it("sends one POST with the caller's headers, the host, the length and the UTF-8 body, and returns status and body", async () => {
    const { seen, url } = await startServer((_, response) => response.writeHead(400, { "content-type": "application/json" }).end('{"message":"no ✓"}'));
    const answer = await postOver(url)({ "content-type": "application/json", "x-amz-invocation-type": "Event" }, '{"text":"é ✓"}', 1000);
    expect(answer).toEqual({ status: 400, body: '{"message":"no ✓"}' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "POST", url: "/2015-03-31/functions/w/invocations?q=1", body: '{"text":"é ✓"}' });
    expect(seen[0]!.headers).toMatchObject({ host: url.host, "content-type": "application/json", "x-amz-invocation-type": "Event", "content-length": String(Buffer.byteLength('{"text":"é ✓"}')) });
  });

  it("reuses one connection for calls in a row, and opens one per call with keepAlive false", async () => {
    const kept = await startServer(accepted);
    const send = postOver(kept.url);
    for (let i = 0; i < 3; i += 1) expect((await send({}, "{}", 1000)).status).toBe(202);
    expect(kept.seen.map((entry) => entry.connection)).toEqual([1, 1, 1]);

    const oneOff = await startServer(accepted);
    const sendOnce = postOver(oneOff.url, { keepAlive: false });
    for (let i = 0; i < 2; i += 1) await sendOnce({}, "{}", 1000);
    expect(oneOff.seen.map((entry) => [entry.connection, entry.headers.connection])).toEqual([
      [1, "close"],
      [2, "close"],
    ]);
  });

  it("opens a fresh connection when the server closed the kept one, or it sat idle too long", async () => {
    const { server, seen, url } = await startServer(accepted);
    const send = postOver(url);
    await send({}, "{}", 1000);
    (server as Server).closeAllConnections(); // as a server does when its idle timeout passes
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await send({}, "{}", 1000)).status).toBe(202);
    await send({}, "{}", 1000);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + IDLE_REUSE_MS + 1 });
    await send({}, "{}", 1000);
    expect(seen.map((entry) => entry.connection)).toEqual([1, 2, 2, 3]);
  });

  it("warm() connects before the first call, which then uses that connection", async () => {
    const { seen, url, opened } = await startServer(accepted);
    const send = postOver(url);
    send.warm();
    await vi.waitFor(() => expect(opened()).toBe(1));
    send.warm(); // a second warm() with a connection kept opens nothing
    await send({}, "{}", 1000);
    expect(opened()).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it("reads chunked and close-delimited answers arriving a few bytes at a time", async () => {
    const chunked = Buffer.from("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    const pieces = (bytes: Buffer) => Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) => bytes.subarray(i * 3, i * 3 + 3));
    expect(await postOver(await startRawServer(pieces(chunked), "hang"))({}, "", 1000)).toEqual({ status: 200, body: "abcde" });
    const closeDelimited = Buffer.from("HTTP/1.1 500 Internal Server Error\r\n\r\nsomething broke");
    expect(await postOver(await startRawServer(pieces(closeDelimited)))({}, "", 1000)).toEqual({ status: 500, body: "something broke" });
  });

  it("does not reuse a connection the server said it would close, even if it has not closed it yet", async () => {
    const url = await startRawServer([Buffer.from("HTTP/1.1 202 Accepted\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")], "hang");
    const send = postOver(url);
    for (let i = 0; i < 2; i += 1) expect((await send({}, "{}", 500)).status).toBe(202);
    expect(url.connections()).toBe(2);
  });

  it("fails with HttpExchangeError when the answer is cut short, malformed, late or unreachable", async () => {
    const cut = await startRawServer([Buffer.from("HTTP/1.1 202 Accepted\r\nContent-Length: 10\r\n\r\nabc")]);
    await expect(postOver(cut)({}, "", 1000)).rejects.toThrow(/before the response body was complete/);
    const garbage = await startRawServer([Buffer.from("SSH-2.0-OpenSSH\r\n\r\n")]);
    await expect(postOver(garbage)({}, "", 1000)).rejects.toThrow(/status line/);
    const silent = await startRawServer([], "hang");
    await expect(postOver(silent)({}, "", 150)).rejects.toThrow(/No complete response within 150 ms/);
    const refused = postOver(new URL("http://127.0.0.1:9/"))({}, "", 1000);
    await expect(refused).rejects.toThrow(HttpExchangeError);
    await expect(refused).rejects.toThrow(/ECONNREFUSED/);
  });

  it("refuses a header that would split the request, and non-HTTP URLs", async () => {
    const { seen, url } = await startServer(accepted);
    const send = postOver(url);
    const refused: Array<Record<string, string>> = [
      { "x-amz-target": "a\r\nx-injected: 1" },
      // U+010D U+010A, whose low bytes are CR LF: latin1 would send them as a line break.
      { "x-amz-target": "a\u010d\u010ax-injected: 1" },
      { "x-bad name": "1" },
    ];
    for (const headers of refused) await expect(send(headers, "{}", 1000)).rejects.toThrow(/cannot be sent as is/);
    expect(seen).toHaveLength(0);
    expect((await send({ "x-amz-target": "naïve\tvalue" }, "{}", 1000)).status).toBe(202);
    expect(() => postOver(new URL("ftp://127.0.0.1/"))).toThrow(/Only http: and https:/);
  });

  it("survives a TLS error in the same read as the response's last bytes (no uncaught 'error')", async () => {
    const { url } = await startServer(accepted, "test-only-localhost");
    // A proxy that appends bytes that are not a TLS record to whatever the server sends once it has answered.
    const upstream = Number(url.port);
    const proxy = createTcpServer((client) => {
      rawSockets.add(client);
      const server = createConnection(upstream, "127.0.0.1");
      rawSockets.add(server);
      client.pipe(server);
      let fromServer = 0;
      server.on("data", (chunk: Buffer) => {
        fromServer += 1;
        client.write(fromServer > 1 ? Buffer.concat([chunk, Buffer.from("not a TLS record")]) : chunk);
      });
      for (const socket of [client, server]) socket.on("error", () => socket.destroy());
    });
    servers.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxied = new URL(url.href.replace(`:${upstream}`, `:${(proxy.address() as AddressInfo).port}`));
    for (const keepAlive of [false, true]) {
      const outcome = await postOver(proxied, { ca: CERT, keepAlive })({}, "{}", 2000).then((answer) => answer.status, (error: Error) => error.name);
      expect([202, "HttpExchangeError"]).toContain(outcome);
    }
    // An uncaught 'error' would have failed this test file; give one a moment to surface.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it("speaks TLS to https endpoints and checks the certificate", async () => {
    const { seen, url } = await startServer(accepted, "test-only-localhost");
    expect(await postOver(url, { ca: CERT })({ "content-type": "application/json" }, '{"a":1}', 2000)).toEqual({ status: 202, body: "" });
    expect(seen[0]).toMatchObject({ body: '{"a":1}' });
    // Without the test CA the self-signed certificate is refused: verification is on.
    await expect(postOver(url)({}, "{}", 2000)).rejects.toThrow(/SELF_SIGNED|self.signed|UNABLE_TO_VERIFY/i);
    expect(seen).toHaveLength(1);
    // A certificate the client trusts but issued for another name fails the host check.
    const otherName = await startServer(accepted, "test-only-other-name");
    const send = postOver(otherName.url, { ca: fixture("test-only-other-name.cert.pem") });
    await expect(send({}, "{}", 2000)).rejects.toThrow(/ERR_TLS_CERT_ALTNAME_INVALID/);
    expect(otherName.seen).toHaveLength(0);
  });
});
