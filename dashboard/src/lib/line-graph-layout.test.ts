import { describe, expect, it } from 'vitest';
import { layoutLineGraph } from './line-graph-layout';

const l = (id: string, feeds: string[] = []) => ({ id, name: id.toUpperCase(), feeds });

describe('layoutLineGraph', () => {
  it('puts every line right of the lines that feed it (the demo plant)', () => {
    const layout = layoutLineGraph([l('utilities', ['molding-a', 'molding-b']), l('molding-a', ['assembly']), l('molding-b', ['assembly']), l('assembly', ['packaging']), l('packaging')]);
    expect(layout.nodes.map((n) => [n.id, n.col, n.row])).toEqual([
      ['utilities', 0, 0],
      ['molding-a', 1, 0],
      ['molding-b', 1, 1],
      ['assembly', 2, 0],
      ['packaging', 3, 0],
    ]);
    expect(layout).toMatchObject({ cols: 4, rows: 2 });
    expect(layout.edges).toHaveLength(5);
  });
  it('uses the longest path, ignores unknown lines, and survives a cycle', () => {
    expect(layoutLineGraph([l('a', ['b', 'c']), l('b', ['c']), l('c', ['nowhere'])]).nodes.map((n) => n.col)).toEqual([0, 1, 2]);
    const cyclic = layoutLineGraph([l('a', ['b']), l('b', ['a'])]);
    expect(cyclic.nodes).toHaveLength(2);
    expect(layoutLineGraph([])).toEqual({ nodes: [], edges: [], cols: 0, rows: 0 });
  });
});
