// Small statistics and formatting helpers for `npm run bench`.
import { cpus, availableParallelism, totalmem, release } from "node:os";
import { readFileSync } from "node:fs";

/** Nearest-rank percentile (p in 0..100) of a non-empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of an empty sample");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
export const min = (values: readonly number[]) => Math.min(...values);
export const max = (values: readonly number[]) => Math.max(...values);

/** A number with a sensible number of decimals for the table. */
export function fmt(value: number, unit = ""): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit}`;
}

export function range(values: readonly number[], unit = ""): string {
  return `${fmt(min(values))}–${fmt(max(values))}${unit}`;
}

export function p10p90(values: readonly number[], unit = ""): string {
  return `${fmt(percentile(values, 10))}–${fmt(percentile(values, 90))}${unit}`;
}

/** Integer counts per restore: "1" when all agree, "1–3" otherwise. */
export function countRange(values: readonly number[]): string {
  const lo = min(values);
  const hi = max(values);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** One line naming the machine: CPU model, cores, memory, kernel and Node version. */
export function machineLine(): string {
  let model = cpus()[0]?.model.trim() ?? "unknown CPU";
  try {
    // os.cpus() sometimes reports a bare family name; /proc/cpuinfo is the same source on Linux.
    const fromProc = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim();
    if (fromProc && fromProc.length > model.length) model = fromProc;
  } catch {
    // not Linux
  }
  const memGiB = (totalmem() / 1024 ** 3).toFixed(0);
  return `${model}, ${availableParallelism()} cores, ${memGiB} GiB RAM, Linux ${release()}, Node ${process.version} (${process.arch})`;
}

export type Verdict = "PASS" | "FAIL" | "";

export interface Row {
  section: string;
  /** The Node version the row ran on ("v24.22.3"), or "" for rows that are not timings of a run (sizes). */
  node: string;
  measure: string;
  value: string;
  spread: string;
  target: string;
  result: Verdict;
}

export function markdownTable(rows: readonly Row[]): string {
  const header = ["#", "Node", "Measure", "Median / value", "Spread", "Target", "Result"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) {
    const cells = [
      row.section,
      row.node,
      row.measure,
      row.value,
      row.spread,
      row.target,
      row.result === "" ? "" : `**${row.result}**`,
    ];
    lines.push(`| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`);
  }
  return lines.join("\n");
}

export const verdict = (ok: boolean): Verdict => (ok ? "PASS" : "FAIL");
