import { describe, expect, it } from 'vitest';
import { assignLayers, DEFAULT_LAYOUT, edgePath, layoutGraph, visibleNodes } from './graphLayout';

const edge = (from: string, to: string) => ({ from, to });

describe('layered graph layout', () => {
  it('puts each node one layer after its deepest parent', () => {
    const layers = assignLayers(['a', 'b', 'c', 'd'], [edge('a', 'b'), edge('b', 'c'), edge('a', 'c'), edge('d', 'c')]);
    expect(Object.fromEntries(layers)).toEqual({ a: 0, b: 1, c: 2, d: 0 });
  });

  it('survives cycles, self loops and edges to unknown nodes', () => {
    const layers = assignLayers(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'b'), edge('a', 'a'), edge('x', 'a')]);
    expect(layers.get('a')).toBe(0);
    expect([...layers.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(layers.get('b')).toBeGreaterThan(0);
    expect(layers.get('c')).toBeGreaterThan(0);
  });

  it('orders a layer by its parents so edges do not cross', () => {
    // top1 → z, top2 → a: sorted by name a would be above z, which crosses the edges.
    const layout = layoutGraph(['top1', 'top2', 'a', 'z'], [edge('top1', 'z'), edge('top2', 'a')]);
    expect(layout.layers).toEqual([['top1', 'top2'], ['z', 'a']]);
    const z = layout.nodes.get('z')!;
    expect([z.layer, z.row, z.x, z.y]).toEqual([1, 0, DEFAULT_LAYOUT.nodeWidth + DEFAULT_LAYOUT.columnGap, 0]);
    expect(layout.width).toBe(2 * DEFAULT_LAYOUT.nodeWidth + DEFAULT_LAYOUT.columnGap);
    expect(layout.height).toBe(2 * DEFAULT_LAYOUT.nodeHeight + DEFAULT_LAYOUT.rowGap);
    expect(edgePath(layout, edge('top1', 'z'))).toMatch(/^M180,18 C/);
  });

  it('lays out ten thousand assets quickly and finds the visible ones without scanning all', () => {
    const ids: string[] = [];
    const edges = [];
    for (let chain = 0; chain < 1000; chain++) {
      for (let step = 0; step < 10; step++) {
        ids.push(`n${chain}_${step}`);
        if (step > 0) edges.push(edge(`n${chain}_${step - 1}`, `n${chain}_${step}`));
        if (step > 0 && chain > 0) edges.push(edge(`n${chain - 1}_${step - 1}`, `n${chain}_${step}`));
      }
    }
    const started = performance.now();
    const layout = layoutGraph(ids, edges);
    const elapsed = performance.now() - started;
    expect(layout.layers).toHaveLength(10);
    expect(layout.layers.every((layer) => layer.length === 1000)).toBe(true);
    expect(elapsed).toBeLessThan(5000);

    const visible = visibleNodes(layout, { x: 0, y: 0, width: 500, height: 300 });
    // Columns are 250 px apart, rows 50 px: 500 × 300 px shows columns 0–1 and rows 0–5; the
    // nodes starting exactly on the right and bottom edges are not in view.
    expect(new Set(visible.map((n) => n.layer))).toEqual(new Set([0, 1]));
    expect(visible.length).toBe(2 * 6);
    expect(visibleNodes(layout, { x: 10, y: 10, width: 500, height: 300 }).length).toBe(3 * 7);
    const far = visibleNodes(layout, { x: 0, y: 25_000, width: 200, height: 100 });
    expect(far.every((n) => n.y + DEFAULT_LAYOUT.nodeHeight >= 25_000 && n.y <= 25_100)).toBe(true);
    expect(far.length).toBeGreaterThan(0);
  });
});
