/** Chart colours, icons and labels per metric (units come from the wire contract). */
import { METRIC_INFO, type Metric } from '../../../contract/metrics';
import { icons } from './icons';

export interface MetricStyle {
  label: string;
  unit: string;
  color: string;
  icon: string;
}

export const METRIC_STYLE: Record<Metric, MetricStyle> = {
  temperature: { label: 'Temperature', unit: METRIC_INFO.temperature.unit, color: '#f0883e', icon: icons.thermometer },
  vibration: { label: 'Vibration', unit: METRIC_INFO.vibration.unit, color: '#58a6ff', icon: icons.gauge },
  current: { label: 'Current', unit: METRIC_INFO.current.unit, color: '#bc8cff', icon: icons.bolt },
};

export function metricLongLabel(metric: Metric): string {
  return METRIC_INFO[metric].label;
}
