import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/processes';
import { createSqliteTelemetryStore } from '../telemetry-store/sqlite-telemetry-store';
import { createExternalGateway } from './external-gateway';

describe('createExternalGateway', () => {
  it('fails at start, naming the URL, when nothing listens there', async () => {
    const url = `mqtt://127.0.0.1:${await freePort()}`;
    const store = createSqliteTelemetryStore({ file: ':memory:', retentionMs: 86_400_000 });
    await expect(
      createExternalGateway({
        url,
        clientId: 'pdm-ingest-test',
        store,
        deadLetters: { record: () => {} },
        devices: { get: () => undefined, ids: () => [] },
        logger: pino({ level: 'silent' }),
      }),
    ).rejects.toThrowError(new RegExp(`cannot connect to the MQTT broker at ${url}: .*ECONNREFUSED`));
    await store.close();
  });
});
