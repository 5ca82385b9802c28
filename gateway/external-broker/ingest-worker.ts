/**
 * An extra ingest worker: one more member of the share group on the
 * external broker. It validates, dedupes and stores (dead letters go to the
 * application database, like the server's); it runs no detection, no HTTP
 * and no simulator. The server process, in the same group, does detection
 * for every device from the stored series (stored-series-follower.ts), so
 * it does not matter which worker stored a batch.
 *
 * Same environment as the server (README "Configuration"), plus a distinct,
 * stable MQTT_CLIENT_ID per worker: the broker keeps that client's session
 * (queued and unacknowledged messages) while the worker is down and hands it
 * back when it returns.
 */
import type { Logger } from 'pino';
import { plantDevices, type Plant } from '../../contract/plant';
import type { Config } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { createDeadLetterStore } from '../../server/dead-letters';
import { createEventBus } from '../../server/events/event-bus';
import { openTelemetryStore } from '../../server/system';
import type { Gateway } from '../gateway';
import { createExternalGateway } from './external-gateway';

export interface IngestWorker {
  gateway: Gateway;
  stop(): Promise<void>;
}

export class IngestWorkerConfigError extends Error {}

export async function startIngestWorker(config: Config, plant: Plant, logger: Logger): Promise<IngestWorker> {
  if (config.MQTT_MODE !== 'external' || !config.MQTT_URL) throw new IngestWorkerConfigError('an ingest worker needs MQTT_MODE=external and MQTT_URL');
  if (!config.INGEST_SHARE_GROUP) {
    throw new IngestWorkerConfigError('an ingest worker needs INGEST_SHARE_GROUP (the same as the server\'s), or it would receive every message a second time');
  }
  const database = openDatabase(config.appDbFile);
  const bus = createEventBus((err) => logger.error({ err }, 'event listener failed'));
  const deadLetters = createDeadLetterStore({ database, bus, logger });
  const store = await openTelemetryStore(config, logger);
  const devices = new Map(plantDevices(plant).map((d) => [d.id, d]));
  let gateway: Gateway;
  try {
    gateway = await createExternalGateway({
      url: config.MQTT_URL,
      clientId: config.MQTT_CLIENT_ID,
      username: config.MQTT_USERNAME,
      password: config.MQTT_PASSWORD,
      shareGroup: config.INGEST_SHARE_GROUP,
      store,
      deadLetters,
      devices: { get: (id) => devices.get(id), ids: () => devices.keys() },
      onAgentStatus: (status) => logger.info({ agentId: status.agentId, state: status.state }, 'edge agent status'),
      logger,
    });
  } catch (err) {
    await store.close();
    database.close();
    throw err;
  }
  return {
    gateway,
    async stop() {
      await gateway.close();
      await store.close();
      database.close();
    },
  };
}
