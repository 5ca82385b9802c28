/**
 * The three signals every device reports, with their fixed units and the
 * physically plausible range. A value outside its range is not a fault
 * reading, it is a broken sensor or a broken agent: ingest dead-letters it.
 */
export const METRICS = ['temperature', 'vibration', 'current'] as const;
export type Metric = (typeof METRICS)[number];

export interface MetricInfo {
  unit: string;
  label: string;
  /** Inclusive plausible range; anything outside is rejected at ingest. */
  min: number;
  max: number;
}

export const METRIC_INFO: Record<Metric, MetricInfo> = {
  temperature: { unit: '°C', label: 'Temperature', min: -50, max: 400 },
  vibration: { unit: 'mm/s', label: 'Vibration velocity RMS', min: 0, max: 200 },
  current: { unit: 'A', label: 'Motor current', min: 0, max: 5000 },
};

export function isMetric(value: string): value is Metric {
  return (METRICS as readonly string[]).includes(value);
}
