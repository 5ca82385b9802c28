/**
 * Where to draw each line in the small line-graph panel (which line feeds
 * which): columns by depth along the flow (a line sits right of every line
 * that feeds it), rows in line order within a column. Pure; a cycle (the
 * server refuses them) cannot hang it, its lines just stay in earlier columns.
 */
import type { LineView } from '../../../server/http/api-types';

export interface GraphNode {
  id: string;
  name: string;
  col: number;
  row: number;
}

export interface GraphEdge {
  from: string;
  to: string;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  cols: number;
  rows: number;
}

export function layoutLineGraph(lines: ReadonlyArray<Pick<LineView, 'id' | 'name' | 'feeds'>>): GraphLayout {
  const ids = new Set(lines.map((l) => l.id));
  const edges: GraphEdge[] = lines.flatMap((l) => l.feeds.filter((to) => ids.has(to) && to !== l.id).map((to) => ({ from: l.id, to })));
  const depth = new Map(lines.map((l) => [l.id, 0]));
  // Longest path by relaxation; at most |lines| rounds, so a cycle stops too.
  for (let round = 0; round < lines.length; round++) {
    let changed = false;
    for (const e of edges) {
      const d = depth.get(e.from)! + 1;
      if (d > depth.get(e.to)! && d < lines.length) {
        depth.set(e.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rowsUsed = new Map<number, number>();
  const nodes = lines.map((l) => {
    const col = depth.get(l.id)!;
    const row = rowsUsed.get(col) ?? 0;
    rowsUsed.set(col, row + 1);
    return { id: l.id, name: l.name, col, row };
  });
  return {
    nodes,
    edges,
    cols: nodes.length ? Math.max(...nodes.map((n) => n.col)) + 1 : 0,
    rows: rowsUsed.size ? Math.max(...rowsUsed.values()) : 0,
  };
}
