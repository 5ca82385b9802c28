/** Production lines with the lines they feed and their devices, in plant-file order. */
import { asc } from 'drizzle-orm';
import { devices, lineFeeds, lines } from '../db/schema';
import type { LineView } from '../http/api-types';
import type { ServiceDeps } from '../service-deps';

export type LineService = ReturnType<typeof createLineService>;

export function createLineService({ database }: Pick<ServiceDeps, 'database'>) {
  const { db } = database;
  return {
    list(): LineView[] {
      const feeds = db.select().from(lineFeeds).orderBy(asc(lineFeeds.fromLine), asc(lineFeeds.toLine)).all();
      const members = db.select({ id: devices.id, lineId: devices.lineId }).from(devices).orderBy(asc(devices.position)).all();
      return db
        .select()
        .from(lines)
        .orderBy(asc(lines.position))
        .all()
        .map((line) => ({
          id: line.id,
          siteId: line.siteId,
          name: line.name,
          feeds: feeds.filter((f) => f.fromLine === line.id).map((f) => f.toLine),
          deviceIds: members.filter((d) => d.lineId === line.id).map((d) => d.id),
        }));
    },
  };
}
