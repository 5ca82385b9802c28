/**
 * Test support: a real SQLite file in a fresh temp folder, and a small plant.
 * Used by the route and repository tests; nothing here is mocked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parsePlant, type Plant } from '../../contract/plant';
import { openDatabase, type Database } from '../db/database';

export const silentLogger = pino({ level: 'silent' });

export interface TestDatabase {
  database: Database;
  dir: string;
  /** Closes the database and removes the folder. */
  cleanup(): void;
}

export function openTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-server-'));
  const database = openDatabase(join(dir, 'db', 'server.sqlite'));
  return {
    database,
    dir,
    cleanup: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Two lines (utilities feeds assembly), four devices. */
export function testPlant(): Plant {
  return parsePlant({
    name: 'Test plant',
    sites: [
      {
        id: 'plant-1',
        name: 'Plant 1',
        timezone: 'Europe/Berlin',
        lines: [
          {
            id: 'utilities',
            name: 'Utilities',
            feeds: ['assembly'],
            devices: [
              { id: 'P-101', name: 'Cooling water pump 1', class: 'pump', criticality: 'A', ratedCurrent: 28 },
              { id: 'P-104', name: 'Cooling water pump 2', class: 'pump', criticality: 'A', ratedCurrent: 28 },
              { id: 'C-201', name: 'Air compressor', class: 'compressor', criticality: 'A', ratedCurrent: 95, foundation: 'flexible' },
            ],
          },
          {
            id: 'assembly',
            name: 'Assembly line C',
            devices: [{ id: 'CV-C1', name: 'Assembly conveyor', class: 'conveyor', criticality: 'B', ratedCurrent: 15 }],
          },
        ],
      },
    ],
  });
}
