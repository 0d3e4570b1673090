import type { HealthComponent } from "./doctorProbes.js";

/**
 * The worker's and the sweep's last successful run, one record each, overwritten: what `doctor` reads to tell a
 * quietly stopped sweep from a healthy one.
 */
export interface HealthRecords {
  recordSuccess(component: HealthComponent, at: Date): Promise<void>;
  /** The ISO instant of the last recorded success, or undefined when none was ever recorded. */
  lastSuccess(component: HealthComponent): Promise<string | undefined>;
}
