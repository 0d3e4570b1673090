export interface EmfMetric {
  name: string;
  unit: "Count" | "Milliseconds";
  value: number;
}

/**
 * The fields that make a JSON log line a CloudWatch embedded-metric-format record: CloudWatch Logs reads `_aws`
 * and turns the named members into metrics in `namespace`, with `dimensions` (also written as members), and keeps
 * the rest of the line as a log. The HTTP function writes these through its own logger rather than load
 * Powertools Metrics, which the worker uses; both write the same format.
 */
export function emfFields(
  namespace: string,
  dimensions: Record<string, string>,
  metrics: readonly EmfMetric[],
  timestampMs: number,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    _aws: {
      Timestamp: timestampMs,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [Object.keys(dimensions)],
          Metrics: metrics.map(({ name, unit }) => ({ Name: name, Unit: unit })),
        },
      ],
    },
    ...dimensions,
  };
  for (const { name, value } of metrics) fields[name] = value;
  return fields;
}
