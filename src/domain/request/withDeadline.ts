/** Resolves to `fallback` if `work` hasn't settled within `ms`, or if it fails; the timer never outlives the race. */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  fallback: (why: "timeout" | "error") => T,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback("timeout")), ms);
  });
  try {
    return await Promise.race([work, late]);
  } catch {
    return fallback("error");
  } finally {
    clearTimeout(timer);
  }
}
