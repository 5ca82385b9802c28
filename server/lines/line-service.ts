/** Production lines with the lines they feed and their devices, in plant-file order; feed edits, checked. */
import { asc, eq } from 'drizzle-orm';
import { devices, lineFeeds, lines } from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { LineView } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import type { ServiceDeps } from '../service-deps';
import { checkFeedsChange } from './line-graph';

export type LineService = ReturnType<typeof createLineService>;

export function createLineService({ database }: Pick<ServiceDeps, 'database'>) {
  const { db } = database;

  function list(): LineView[] {
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
  }

  return {
    list,

    /**
     * Replaces the lines `id` feeds (downstream), in one transaction. 404 for
     * an unknown line; 400 'invalid-line-graph' naming the lines when a target
     * is unknown, the line would feed itself or the graph would get a cycle;
     * then nothing is saved.
     */
    setFeeds(id: string, feeds: readonly string[]): LineView {
      inTransaction(database, () => {
        const graph = list();
        if (!graph.some((l) => l.id === id)) throw notFound(`line ${id}`);
        const problems = checkFeedsChange(graph, id, feeds);
        if (problems.length) {
          throw new HttpError(400, 'invalid-line-graph', `feeds of line ${id} rejected: ${problems.join('; ')}`, problems.map((message) => ({ path: 'feeds', message })));
        }
        db.delete(lineFeeds).where(eq(lineFeeds.fromLine, id)).run();
        if (feeds.length) db.insert(lineFeeds).values(feeds.map((toLine) => ({ fromLine: id, toLine }))).run();
      });
      return list().find((l) => l.id === id)!;
    },
  };
}
