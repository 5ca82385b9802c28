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

/** Two lines (utilities feeds assembly), four devices; `calendar` is the site's working calendar in the plant file. */
export function testPlant(calendar?: unknown): Plant {
  return parsePlant({
    name: 'Test plant',
    sites: [
      {
        id: 'plant-1',
        name: 'Plant 1',
        timezone: 'Europe/Berlin',
        ...(calendar === undefined ? {} : { calendar }),
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

/**
 * Three lines in a chain (molding feeds assembly, assembly feeds packaging),
 * devices of every criticality, in Berlin; `calendar` is the site's working
 * calendar in the plant file (absent: the default two shifts).
 */
export function chainPlant(calendar?: unknown): Plant {
  return parsePlant({
    name: 'Chain plant',
    sites: [
      {
        id: 'plant-1',
        name: 'Plant 1',
        timezone: 'Europe/Berlin',
        ...(calendar === undefined ? {} : { calendar }),
        lines: [
          {
            id: 'molding',
            name: 'Molding',
            feeds: ['assembly'],
            devices: [
              { id: 'IM-1', name: 'Injection molder 1', class: 'injection-molder', criticality: 'A', ratedCurrent: 60 },
              { id: 'F-1', name: 'Hall fan', class: 'fan', criticality: 'C', ratedCurrent: 8 },
            ],
          },
          {
            id: 'assembly',
            name: 'Assembly',
            feeds: ['packaging'],
            devices: [{ id: 'CV-A1', name: 'Assembly conveyor', class: 'conveyor', criticality: 'B', ratedCurrent: 15 }],
          },
          {
            id: 'packaging',
            name: 'Packaging',
            devices: [{ id: 'CV-P1', name: 'Packaging conveyor', class: 'conveyor', criticality: 'C', ratedCurrent: 12 }],
          },
        ],
      },
    ],
  });
}
