import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlant } from '../contract/plant';
import type { Database } from './db/database';
import { devices, lineFeeds, rules } from './db/schema';
import { defaultRuleTemplates } from './detection/default-rules';
import { syncPlant } from './plant-sync';
import { chainPlant, openTestDatabase, testPlant, type TestDatabase } from './testing/test-database';
import { createLineService } from './lines/line-service';
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
    expect(first).toEqual({ sites: 1, lines: 2, devices: 4, rulesAdded: defaultRuleTemplates().length, techniciansAdded: 0, maintenancePlansAdded: 0, feedsFromFile: ['utilities', 'assembly'], feedsReset: null });
    const before = dump(test.database);
    expect(before.devices).toHaveLength(4);
    expect(before.line_feeds).toEqual([{ from_line: 'utilities', to_line: 'assembly' }]);

    const second = syncPlant(test.database, testPlant(), 2000);
    expect(second.rulesAdded).toBe(0);
    expect(second.feedsFromFile).toEqual([]);
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

  describe('line feeds edited through the API', () => {
    const feedsOf = () => Object.fromEntries(createLineService({ database: test.database }).list().map((l) => [l.id, l.feeds]));
    const withFeeds = (feeds: Record<string, string[]>) => {
      const plant = chainPlant();
      for (const line of plant.sites[0]!.lines) line.feeds = feeds[line.id] ?? line.feeds;
      return parsePlant(plant);
    };

    it('survive a restart with the same plant file', () => {
      syncPlant(test.database, chainPlant(), 1000);
      createLineService({ database: test.database }).setFeeds('molding', ['packaging']);
      const again = syncPlant(test.database, chainPlant(), 2000);
      expect(again).toMatchObject({ feedsFromFile: [], feedsReset: null });
      expect(feedsOf()).toEqual({ molding: ['packaging'], assembly: ['packaging'], packaging: [] });
    });

    it('give way on a line whose feeds the file changed, and stay on the others', () => {
      syncPlant(test.database, chainPlant(), 1000);
      const service = createLineService({ database: test.database });
      service.setFeeds('assembly', []);
      service.setFeeds('molding', ['packaging']);
      const changed = syncPlant(test.database, withFeeds({ molding: ['assembly', 'packaging'] }), 2000);
      expect(changed).toMatchObject({ feedsFromFile: ['molding'], feedsReset: null });
      expect(feedsOf()).toEqual({ molding: ['assembly', 'packaging'], assembly: [], packaging: [] });
    });

    it('are all dropped for the file when they would close a cycle with its changes, and the result says why', () => {
      syncPlant(test.database, chainPlant(), 1000);
      const service = createLineService({ database: test.database });
      service.setFeeds('assembly', []);
      service.setFeeds('packaging', ['molding']);
      const changed = syncPlant(test.database, withFeeds({ molding: ['assembly', 'packaging'] }), 2000);
      expect(changed.feedsFromFile).toEqual(['molding']);
      expect(changed.feedsReset).toMatch(/^feeds edited through the API conflict with the plant file \(.*cycle.*\); every line now follows the file$/);
      expect(feedsOf()).toEqual({ molding: ['assembly', 'packaging'], assembly: ['packaging'], packaging: [] });
    });
  });
});
