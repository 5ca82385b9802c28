import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteTelemetryStore } from './sqlite-telemetry-store';
import { describeTelemetryStoreContract } from './telemetry-store.contract';

describeTelemetryStoreContract('sqlite', async ({ retentionMs }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-telemetry-'));
  const file = join(dir, 'telemetry.db');
  let store = createSqliteTelemetryStore({ file, retentionMs });
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = createSqliteTelemetryStore({ file, retentionMs });
      return store;
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
