import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlant } from '../contract/plant';
import type { Database } from './db/database';
import { devices, lineFeeds, rules } from './db/schema';
import { defaultRuleTemplates } from './detection/default-rules';
import { syncPlant } from './plant-sync';
import { openTestDatabase, testPlant, type TestDatabase } from './testing/test-database';
import { touchDevices } from './devices/device-repository';

const TABLES = ['sites', 'lines', 'line_feeds', 'devices', 'rules'];

function dump(database: Database): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, database.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
}

describe('syncPlant', () => {
  let test: TestDatabase;
  beforeEach(() => {
    test = openTestDatabase();
  });
  afterEach(() => test.cleanup());

  it('stores the plant and the default rules, and a second run changes nothing', () => {
    const first = syncPlant(test.database, testPlant(), 1000);
    expect(first).toEqual({ sites: 1, lines: 2, devices: 4, rulesAdded: defaultRuleTemplates().length, techniciansAdded: 0 });
    const before = dump(test.database);
    expect(before.devices).toHaveLength(4);
    expect(before.line_feeds).toEqual([{ from_line: 'utilities', to_line: 'assembly' }]);

    const second = syncPlant(test.database, testPlant(), 2000);
    expect(second.rulesAdded).toBe(0);
    expect(dump(test.database)).toEqual(before);
  });

  it('never overwrites a rule an engineer edited, and keeps last-seen times', () => {
    syncPlant(test.database, testPlant(), 1000);
    const { db } = test.database;
    db.update(rules).set({ warn: 3.5, version: 2, updatedBy: 'engineer', updatedAt: 1500 }).where(eq(rules.id, 'class.pump.vibration')).run();
    touchDevices(test.database, new Map([['P-104', 1200]]));

    syncPlant(test.database, testPlant(), 2000);

    const rule = db.select().from(rules).where(eq(rules.id, 'class.pump.vibration')).get();
    expect(rule).toMatchObject({ warn: 3.5, version: 2, updatedBy: 'engineer', updatedAt: 1500 });
    expect(db.select().from(devices).where(eq(devices.id, 'P-104')).get()?.lastSeenAt).toBe(1200);
  });

  it('follows a changed plant file: renamed device, removed feed', () => {
    syncPlant(test.database, testPlant(), 1000);
    const plant = testPlant();
    const utilities = plant.sites[0]!.lines[0]!;
    utilities.feeds = [];
    utilities.devices[1]!.name = 'Cooling water pump 2 (new)';
    syncPlant(test.database, parsePlant(plant), 2000);

    const { db } = test.database;
    expect(db.select().from(lineFeeds).all()).toEqual([]);
    expect(db.select().from(devices).where(eq(devices.id, 'P-104')).get()?.name).toBe('Cooling water pump 2 (new)');
  });
});
