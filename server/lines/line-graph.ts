/**
 * Checks the line graph before it is saved: known targets, no self-feeds and
 * no cycle (the same checks as the plant file, checkPlantGraph), for the graph
 * as stored or with one line's feeds replaced. Pure.
 */
import { checkPlantGraph, type Plant } from '../../contract/plant';

export interface GraphLine {
  id: string;
  siteId: string;
  name: string;
  /** Downstream lines. */
  feeds: readonly string[];
}

/** Problems with the graph once `lineId` feeds exactly `feeds`, each naming the lines; [] when it is fine. */
export function checkFeedsChange(lines: readonly GraphLine[], lineId: string, feeds: readonly string[]): string[] {
  return checkGraph(lines.map((line) => (line.id === lineId ? { ...line, feeds } : line)));
}

/** Problems with the graph as it stands (unknown targets, self-feeds, cycles), each naming the lines; [] when it is fine. */
export function checkGraph(lines: readonly GraphLine[]): string[] {
  const bySite = new Map<string, Plant['sites'][number]['lines']>();
  for (const line of lines) {
    const entry = { id: line.id, name: line.name, feeds: [...line.feeds], devices: [] };
    const siteLines = bySite.get(line.siteId);
    if (siteLines) siteLines.push(entry);
    else bySite.set(line.siteId, [entry]);
  }
  const plant: Plant = { name: 'line graph', sites: [...bySite].map(([id, siteLines]) => ({ id, name: id, timezone: 'UTC', lines: siteLines })) };
  return checkPlantGraph(plant);
}
