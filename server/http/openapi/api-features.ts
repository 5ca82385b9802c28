/** Every documented feature, in the order the reference page lists them. A new feature file goes here. */
import { accessFeature } from './access';
import { anomaliesFeature } from './anomalies';
import type { ApiFeature } from './api-operation';
import { backtestsFeature } from './backtests';
import { deadLettersFeature } from './dead-letters';
import { devicesFeature } from './devices';
import { kpisFeature } from './kpis';
import { linesFeature } from './lines';
import { maintenancePlansFeature } from './maintenance-plans';
import { rulesFeature } from './rules';
import { systemFeature } from './system';
import { techniciansFeature } from './technicians';
import { webhooksFeature } from './webhooks';
import { workOrdersFeature } from './work-orders';

export const API_FEATURES: readonly ApiFeature[] = [
  workOrdersFeature,
  techniciansFeature,
  maintenancePlansFeature,
  devicesFeature,
  linesFeature,
  rulesFeature,
  anomaliesFeature,
  kpisFeature,
  backtestsFeature,
  deadLettersFeature,
  accessFeature,
  webhooksFeature,
  systemFeature,
];
