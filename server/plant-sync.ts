/**
 * Brings the database in line with the plant file: sites, lines, feeds and
 * devices are upserted (a device keeps its last-seen time), feeds no longer in
 * the file are removed, and default rule templates whose ids are not stored
 * yet are added, each with its version-1 history row. Stored rules are never
 * overwritten: an engineer's edits win. Technicians of the file whose id is
 * not stored yet are added; stored ones keep their API edits.
 * Idempotent: a second run with the same plant changes nothing.
 * Sites, lines and devices missing from the file are kept: work orders refer to them.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { plantDevices, type Plant } from '../contract/plant';
import type { Database } from './db/database';
import { devices, lineFeeds, lines, sites } from './db/schema';
import { inTransaction } from './db/transaction';
import { seedDefaultRules } from './rules/rule-seeding';
import { seedTechnicians } from './technicians/technician-seeding';

export interface PlantSyncResult {
  sites: number;
  lines: number;
  devices: number;
  /** Default rule templates added because their id was not stored yet. */
  rulesAdded: number;
  /** Technicians of the plant file added because their id was not stored yet. */
  techniciansAdded: number;
}

export function syncPlant(database: Database, plant: Plant, now: number = Date.now()): PlantSyncResult {
  const { db } = database;
  return inTransaction(database, () => {
    const allLines = plant.sites.flatMap((site) => site.lines.map((line) => ({ site, line })));
    for (const site of plant.sites) {
      const row = { name: site.name, timezone: site.timezone };
      db.insert(sites).values({ id: site.id, ...row }).onConflictDoUpdate({ target: sites.id, set: row }).run();
    }
    allLines.forEach(({ site, line }, position) => {
      const row = { siteId: site.id, name: line.name, position };
      db.insert(lines).values({ id: line.id, ...row }).onConflictDoUpdate({ target: lines.id, set: row }).run();
    });
    for (const { line } of allLines) {
      const stored = db.select({ toLine: lineFeeds.toLine }).from(lineFeeds).where(eq(lineFeeds.fromLine, line.id)).all();
      const gone = stored.map((f) => f.toLine).filter((to) => !line.feeds.includes(to));
      if (gone.length) db.delete(lineFeeds).where(and(eq(lineFeeds.fromLine, line.id), inArray(lineFeeds.toLine, gone))).run();
      for (const to of line.feeds) db.insert(lineFeeds).values({ fromLine: line.id, toLine: to }).onConflictDoNothing().run();
    }
    const plantDeviceList = plantDevices(plant);
    plantDeviceList.forEach((d, position) => {
      const row = {
        siteId: d.siteId,
        lineId: d.lineId,
        agentId: d.agentId,
        name: d.name,
        class: d.class,
        criticality: d.criticality,
        ratedCurrent: d.ratedCurrent,
        insulationClass: d.insulationClass,
        foundation: d.foundation,
        position,
      };
      db.insert(devices).values({ id: d.id, ...row }).onConflictDoUpdate({ target: devices.id, set: row }).run();
    });
    const rulesAdded = seedDefaultRules(database, now);
    const techniciansAdded = seedTechnicians(database, plant, now);
    return { sites: plant.sites.length, lines: allLines.length, devices: plantDeviceList.length, rulesAdded, techniciansAdded };
  });
}
