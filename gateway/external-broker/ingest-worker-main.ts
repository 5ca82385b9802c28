/**
 * `npx tsx gateway/external-broker/ingest-worker-main.ts`: runs one extra
 * ingest worker (see ingest-worker.ts) until SIGINT/SIGTERM.
 */
import pino from 'pino';
import { loadPlantFile, PlantFileError } from '../../contract/plant';
import { ConfigError, loadConfig } from '../../server/config';
import { IngestWorkerConfigError, startIngestWorker } from './ingest-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const worker = await startIngestWorker(config, loadPlantFile(config.PLANT_FILE), logger);
  process.stdout.write(`Ingest worker ${config.MQTT_CLIENT_ID} in share group "${config.INGEST_SHARE_GROUP}" at ${config.MQTT_URL}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await worker.stop();
    const s = worker.gateway.stats();
    logger.info({ signal, messages: s.messages, stored: s.samplesStored, duplicates: s.samplesDuplicate, deadLetters: s.deadLetters }, 'ingest worker stopped');
    process.stdout.write(`stored ${s.samplesStored} samples from ${s.messages} messages\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof PlantFileError || err instanceof IngestWorkerConfigError;
  process.stderr.write(`${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
