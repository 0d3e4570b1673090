/**
 * Runs `work` with a signal that aborts after `ms`, and settles by then: with
 * what `work` returned, or with `late()` the moment the signal aborts. Work
 * still running after that sees an aborted signal, so it can send nothing more.
 */
export async function withAbortDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  late: () => T,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(late());
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
