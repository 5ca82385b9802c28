import { describe, expect, it } from 'vitest';
import { checkFeedsChange, type GraphLine } from './line-graph';

const line = (id: string, feeds: string[] = [], siteId = 'plant-1'): GraphLine => ({ id, siteId, name: `Line ${id}`, feeds });
// A feeds B feeds C; D stands alone on another site.
const graph = [line('A', ['B']), line('B', ['C']), line('C'), line('D', [], 'plant-2')];

describe('checkFeedsChange', () => {
  it('accepts a change that keeps the graph acyclic, across sites too', () => {
    expect(checkFeedsChange(graph, 'A', ['B', 'C', 'D'])).toEqual([]);
    expect(checkFeedsChange(graph, 'D', ['A'])).toEqual([]);
    expect(checkFeedsChange(graph, 'B', [])).toEqual([]);
  });

  it('names the lines of a cycle the change would close', () => {
    expect(checkFeedsChange(graph, 'C', ['A'])).toEqual(['lines form a cycle: A -> B -> C -> A']);
  });

  it('names a self-feed and an unknown line', () => {
    expect(checkFeedsChange(graph, 'B', ['B', 'ghost'])).toEqual(['line "B" feeds itself', 'line "B" feeds unknown line "ghost"']);
  });
});
