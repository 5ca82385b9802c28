import type { Logger } from 'pino';
import type { Database } from './db/database';
import type { EventBus } from './events/event-bus';

/** What every feature service is built from. `now` is injected so time-based logic is testable. */
export interface ServiceDeps {
  database: Database;
  bus: EventBus;
  now: () => number;
  logger: Logger;
}
