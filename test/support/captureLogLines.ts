/**
 * Collects the JSON log lines a service writes (Powertools' Logger writes INFO to
 * stdout and WARN/ERROR to stderr; createJsonLogger writes to stdout), parsed.
 * The service's lines are kept out of the test output; everything else passes.
 */
export function captureLogLines(serviceName: string): {
  lines: Array<Record<string, unknown>>;
  raw: string[];
  stop(): void;
} {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const marker = `"service":"${serviceName}"`;
  const restores = [process.stdout, process.stderr].map((stream) => {
    const previous = stream.write;
    const capture = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
      if (!text.includes(marker)) return (previous as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      for (const line of text.split("\n").filter((candidate) => candidate.includes(marker))) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      return true;
    } as typeof stream.write;
    stream.write = capture;
    return () => {
      if (stream.write === capture) stream.write = previous;
    };
  });
  return {
    lines,
    raw,
    stop: () => {
      for (const restore of restores) restore();
    },
  };
}
