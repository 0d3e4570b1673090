import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHttpResponseReader, type ReceivedResponse } from "../../src/aws/createHttpResponseReader.js";
import { HttpExchangeError } from "../../src/errors.js";

const LIMIT = 64 * 1024;

/** Feeds `raw` in pieces cut at `cuts` and returns the response, or "incomplete". */
function read(raw: string | Buffer, cuts: number[] = [], atEnd = false): ReceivedResponse | "incomplete" {
  const bytes = typeof raw === "string" ? Buffer.from(raw, "latin1") : raw;
  const reader = createHttpResponseReader(LIMIT);
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(bytes.length)) {
    const response = reader.push(bytes.subarray(from, cut));
    from = cut;
    if (response !== undefined) return response;
  }
  return atEnd ? reader.end() : "incomplete";
}

const text = (response: ReceivedResponse | "incomplete") => (response === "incomplete" ? response : { ...response, body: response.body.toString("utf8") });

describe("createHttpResponseReader", () => {
  it("reads a Content-Length body and keeps the connection reusable", () => {
    expect(text(read('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{"message":"x"}'))).toEqual({
      status: 400,
      headers: { "content-type": "application/json", "content-length": "15" },
      body: '{"message":"x"}',
      reusable: true,
    });
  });

  it("answers a 202 with an empty body at once, as Lambda's asynchronous invoke does", () => {
    expect(text(read("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"))).toMatchObject({ status: 202, body: "" });
    expect(text(read("HTTP/1.1 204 No Content\r\n\r\n"))).toMatchObject({ status: 204, body: "", reusable: true });
  });

  it("reads chunked bodies, with chunk extensions and trailers", () => {
    const raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n";
    expect(text(read(raw))).toMatchObject({ status: 200, body: "hello 0123456789", reusable: true });
  });

  it("reads a body delimited by the close, and never reuses that connection", () => {
    const raw = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\npart one, part two";
    expect(read(raw)).toBe("incomplete");
    expect(text(read(raw, [30], true))).toMatchObject({ body: "part one, part two", reusable: false });
  });

  it("skips interim 1xx responses", () => {
    expect(text(read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))).toMatchObject({ status: 200, body: "ok" });
  });

  it("marks the connection spent on `connection: close`, HTTP/1.0, bytes beyond the response and double framing", () => {
    expect(read("HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n")).toMatchObject({ reusable: false });
    expect(read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).toMatchObject({ reusable: false });
    expect(read("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n")).toMatchObject({ reusable: false });
    // Transfer-Encoding wins over Content-Length, but a response carrying both spends the connection.
    expect(text(read("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"))).toMatchObject({ body: "ok", reusable: false });
  });

  it("joins repeated headers and accepts repeated identical Content-Length values", () => {
    const response = read("HTTP/1.1 200 OK\r\nVary: a\r\nvary: b\r\nContent-Length: 2, 2\r\n\r\nok");
    expect(text(response)).toMatchObject({ headers: { vary: "a, b" }, body: "ok" });
  });

  it.each([
    ["a status line that is not HTTP/1.x", "HTTP/2 200\r\n\r\n", /status line/],
    ["a non-numeric status", "HTTP/1.1 2xx OK\r\n\r\n", /status line/],
    ["a malformed header line", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", /header line/],
    ["a folded header line", "HTTP/1.1 200 OK\r\nX-A: 1\r\n  continued\r\n\r\n", /header line/],
    ["conflicting Content-Length values", "HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok", /Content-Length/],
    ["a negative Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", /Content-Length/],
    ["a malformed chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", /chunk size/],
    ["a chunk without its CRLF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX0\r\n\r\n", /CRLF/],
  ])("refuses %s with HttpExchangeError", (_, raw, message) => {
    expect(() => read(raw)).toThrow(HttpExchangeError);
    expect(() => read(raw)).toThrow(message);
  });

  it("refuses bodies and heads over the limits", () => {
    const reader = createHttpResponseReader(10);
    expect(() => reader.push(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n12345678901"))).toThrow(/larger than 10 bytes/);
    expect(() => read(`HTTP/1.1 200 OK\r\nX-Big: ${"a".repeat(17 * 1024)}`)).toThrow(/head is larger/);
    expect(() => read(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${"0".repeat(2000)}`)).toThrow(/line is too long/);
  });

  it("says when the connection closed before the response was complete", () => {
    expect(() => read("HTTP/1.1 200 OK\r\nContent-Le", [], true)).toThrow(/before a response arrived/);
    expect(() => read("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc", [], true)).toThrow(/before the response body was complete/);
    expect(() => read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", [], true)).toThrow(/before the response body was complete/);
  });

  it("reads the same response however its bytes are split, for every framing (property)", () => {
    const framings = ["length", "chunked", "close"] as const;
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom(...framings),
        fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 8 }),
        fc.array(fc.nat({ max: 900 }), { maxLength: 12 }),
        (body, framing, chunkSizes, cuts) => {
          const raw = encode(Buffer.from(body), framing, chunkSizes);
          const response = read(raw, cuts.filter((cut) => cut < raw.length), framing === "close");
          expect(response).not.toBe("incomplete");
          const { status, body: received, reusable } = response as ReceivedResponse;
          expect(status).toBe(200);
          expect(received.equals(Buffer.from(body))).toBe(true);
          expect(reusable).toBe(framing !== "close");
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The bytes of a 200 response carrying `body`, framed one of the three ways; chunked bodies are cut at `sizes`. */
function encode(body: Buffer, framing: "length" | "chunked" | "close", sizes: number[]): Buffer {
  if (framing === "length") return Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  if (framing === "close") return Buffer.concat([Buffer.from("HTTP/1.1 200 OK\r\n\r\n"), body]);
  const parts: Buffer[] = [Buffer.from("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")];
  for (let at = 0, i = 0; at < body.length; i += 1) {
    const piece = body.subarray(at, at + (sizes[i % Math.max(sizes.length, 1)] ?? body.length));
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n"));
    at += piece.length;
  }
  parts.push(Buffer.from("0\r\n\r\n"));
  return Buffer.concat(parts);
}
