/**
 * Brings the database in line with the plant file: sites, lines and devices
 * are upserted (a device keeps its last-seen time), and default rule
 * templates whose ids are not stored yet are added, each with its version-1
 * history row.
 *
 * Feeds: a line takes the file's feeds when the file's feeds for it differ
 * from those it gave at the last sync (a new line, or someone edited the
 * file); otherwise the stored feeds stay, so an edit made through the API
 * (PUT /api/lines/:id/feeds) survives a restart. Should the mix of API edits
 * and a changed file make a cycle, every line follows the file (a valid
 * graph, checked when the file loads) and the result says so. Stored rules are never
 * overwritten: an engineer's edits win. Technicians of the file whose id is
 * not stored yet are added; stored ones keep their API edits.
 * Idempotent: a second run with the same plant changes nothing.
 * Sites, lines and devices missing from the file are kept: work orders refer to them.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { plantDevices, type Plant } from '../contract/plant';
import { checkGraph, type GraphLine } from './lines/line-graph';
import type { Database } from './db/database';
import { devices, lineFeeds, lines, sites } from './db/schema';
import { inTransaction } from './db/transaction';
import { seedDefaultRules } from './rules/rule-seeding';
import { seedTechnicians } from './technicians/technician-seeding';
import { seedMaintenancePlans } from './maintenance-plans/plan-seeding';

export interface PlantSyncResult {
  sites: number;
  lines: number;
  devices: number;
  /** Default rule templates added because their id was not stored yet. */
  rulesAdded: number;
  /** Technicians of the plant file added because their id was not stored yet. */
  techniciansAdded: number;
  maintenancePlansAdded: number;
  /** Lines whose feeds were set from the file (new, or changed in the file). */
  feedsFromFile: string[];
  /** Why API-edited feeds were dropped for the file's (they made a cycle with the file's changes), else null. */
  feedsReset: string | null;
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
    const setFeeds = (fromLine: string, feeds: readonly string[]) => {
      const stored = db.select({ toLine: lineFeeds.toLine }).from(lineFeeds).where(eq(lineFeeds.fromLine, fromLine)).all();
      const gone = stored.map((f) => f.toLine).filter((to) => !feeds.includes(to));
      if (gone.length) db.delete(lineFeeds).where(and(eq(lineFeeds.fromLine, fromLine), inArray(lineFeeds.toLine, gone))).run();
      for (const to of feeds) db.insert(lineFeeds).values({ fromLine, toLine: to }).onConflictDoNothing().run();
    };
    const feedsFromFile: string[] = [];
    for (const { line } of allLines) {
      const fileFeeds = JSON.stringify([...line.feeds].sort());
      const recorded = db.select({ plantFeeds: lines.plantFeeds }).from(lines).where(eq(lines.id, line.id)).get()?.plantFeeds;
      if (recorded === fileFeeds) continue;
      setFeeds(line.id, line.feeds);
      db.update(lines).set({ plantFeeds: fileFeeds }).where(eq(lines.id, line.id)).run();
      feedsFromFile.push(line.id);
    }
    let feedsReset: string | null = null;
    if (feedsFromFile.length) {
      const graph = storedGraph(database);
      const problems = checkGraph(graph);
      if (problems.length) {
        feedsReset = `feeds edited through the API conflict with the plant file (${problems.join('; ')}); every line now follows the file`;
        const inFile = new Set(allLines.map(({ line }) => line.id));
        for (const { line } of allLines) setFeeds(line.id, line.feeds);
        for (const g of graph) if (!inFile.has(g.id)) setFeeds(g.id, []);
      }
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
    const maintenancePlansAdded = seedMaintenancePlans(database, plant, now);
    return { sites: plant.sites.length, lines: allLines.length, devices: plantDeviceList.length, rulesAdded, techniciansAdded, maintenancePlansAdded, feedsFromFile, feedsReset };
  });
}

/** Every stored line with its stored feeds. */
function storedGraph({ db }: Database): GraphLine[] {
  const feeds = db.select().from(lineFeeds).all();
  return db
    .select({ id: lines.id, siteId: lines.siteId, name: lines.name })
    .from(lines)
    .all()
    .map((l) => ({ ...l, feeds: feeds.filter((f) => f.fromLine === l.id).map((f) => f.toLine) }));
}
