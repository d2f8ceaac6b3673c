// A layered (left-to-right) layout of a directed graph for SVG: each node's layer is the length
// of the longest path from a root, nodes in a layer are ordered by the mean position of their
// parents to reduce crossings. Linear in nodes and edges per ordering pass, so it stays fast for
// thousands of nodes; cycles do not break it (the nodes on a cycle get the layer after their
// placed parents).

export interface GraphEdge {
  from: string;
  to: string;
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
  /** Ordering passes (down then up); more passes, fewer crossings. */
  passes: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 180, nodeHeight: 36, columnGap: 70, rowGap: 14, passes: 4 };

export interface PlacedNode {
  id: string;
  layer: number;
  /** Position within the layer, from the top. */
  row: number;
  x: number;
  y: number;
}

export interface Layout {
  nodes: Map<string, PlacedNode>;
  /** Ids per layer, top to bottom. */
  layers: string[][];
  edges: GraphEdge[];
  width: number;
  height: number;
  options: LayoutOptions;
}

/** Longest-path layers; edges to unknown nodes are ignored. */
export function assignLayers(ids: string[], edges: GraphEdge[]): Map<string, number> {
  const known = new Set(ids);
  const children = new Map<string, string[]>();
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const edge of edges) {
    if (!known.has(edge.from) || !known.has(edge.to) || edge.from === edge.to) continue;
    (children.get(edge.from) ?? children.set(edge.from, []).get(edge.from)!).push(edge.to);
    indegree.set(edge.to, indegree.get(edge.to)! + 1);
  }
  const layer = new Map<string, number>();
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (const id of queue) layer.set(id, 0);
  let remaining = ids.length;
  const visit = (queueToDrain: string[]) => {
    for (let head = 0; head < queueToDrain.length; head++) {
      const id = queueToDrain[head];
      remaining--;
      for (const child of children.get(id) ?? []) {
        layer.set(child, Math.max(layer.get(child) ?? 0, layer.get(id)! + 1));
        const left = indegree.get(child)! - 1;
        indegree.set(child, left);
        if (left === 0) queueToDrain.push(child);
      }
    }
  };
  visit(queue);
  // Nodes on cycles never reach indegree 0: release the one with the lowest layer so far.
  while (remaining > 0) {
    const stuck = ids.filter((id) => indegree.get(id)! > 0);
    const next = stuck.reduce((best, id) => ((layer.get(id) ?? 0) < (layer.get(best) ?? 0) ? id : best));
    indegree.set(next, 0);
    if (!layer.has(next)) layer.set(next, 0);
    visit([next]);
  }
  return layer;
}

function orderLayers(layers: string[][], parents: Map<string, string[]>, children: Map<string, string[]>, passes: number): void {
  const row = new Map<string, number>();
  const number = () => layers.forEach((ids) => ids.forEach((id, index) => row.set(id, index)));
  number();
  const sortBy = (ids: string[], neighbours: Map<string, string[]>) => {
    const weight = new Map<string, number>();
    for (const id of ids) {
      const placed = (neighbours.get(id) ?? []).filter((n) => row.has(n));
      weight.set(id, placed.length ? placed.reduce((sum, n) => sum + row.get(n)!, 0) / placed.length : row.get(id)!);
    }
    ids.sort((a, b) => weight.get(a)! - weight.get(b)! || a.localeCompare(b));
    ids.forEach((id, index) => row.set(id, index));
  };
  for (let pass = 0; pass < passes; pass++) {
    if (pass % 2 === 0) for (let l = 1; l < layers.length; l++) sortBy(layers[l], parents);
    else for (let l = layers.length - 2; l >= 0; l--) sortBy(layers[l], children);
  }
}

/** Places every node; ids keep their given order where the graph says nothing. */
export function layoutGraph(ids: string[], edges: GraphEdge[], options: LayoutOptions = DEFAULT_LAYOUT): Layout {
  const layerOf = assignLayers(ids, edges);
  const layers: string[][] = [];
  for (const id of ids) {
    const layer = layerOf.get(id)!;
    (layers[layer] ??= []).push(id);
  }
  for (let l = 0; l < layers.length; l++) layers[l] ??= [];
  const known = new Set(ids);
  const kept = edges.filter((edge) => known.has(edge.from) && known.has(edge.to) && edge.from !== edge.to);
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const edge of kept) {
    (parents.get(edge.to) ?? parents.set(edge.to, []).get(edge.to)!).push(edge.from);
    (children.get(edge.from) ?? children.set(edge.from, []).get(edge.from)!).push(edge.to);
  }
  orderLayers(layers, parents, children, options.passes);
  const nodes = new Map<string, PlacedNode>();
  layers.forEach((layerIds, layer) =>
    layerIds.forEach((id, row) =>
      nodes.set(id, {
        id,
        layer,
        row,
        x: layer * (options.nodeWidth + options.columnGap),
        y: row * (options.nodeHeight + options.rowGap),
      }),
    ),
  );
  const tallest = layers.reduce((max, layerIds) => Math.max(max, layerIds.length), 0);
  return {
    nodes,
    layers,
    edges: kept,
    width: Math.max(0, layers.length * (options.nodeWidth + options.columnGap) - options.columnGap),
    height: Math.max(0, tallest * (options.nodeHeight + options.rowGap) - options.rowGap),
    options,
  };
}

export interface Viewport {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The nodes whose box meets the viewport (plus a margin), found per layer by row arithmetic. */
export function visibleNodes(layout: Layout, viewport: Viewport, margin = 0): PlacedNode[] {
  const { nodeWidth, nodeHeight, columnGap, rowGap } = layout.options;
  const columnStep = nodeWidth + columnGap;
  const rowStep = nodeHeight + rowGap;
  const left = viewport.x - margin;
  const right = viewport.x + viewport.width + margin;
  const top = viewport.y - margin;
  const bottom = viewport.y + viewport.height + margin;
  const firstLayer = Math.max(0, Math.floor((left - nodeWidth) / columnStep) + 1);
  const lastLayer = Math.min(layout.layers.length - 1, Math.ceil(right / columnStep) - 1);
  const visible: PlacedNode[] = [];
  for (let layer = firstLayer; layer <= lastLayer; layer++) {
    const ids = layout.layers[layer];
    const firstRow = Math.max(0, Math.floor((top - nodeHeight) / rowStep) + 1);
    const lastRow = Math.min(ids.length - 1, Math.ceil(bottom / rowStep) - 1);
    for (let row = firstRow; row <= lastRow; row++) visible.push(layout.nodes.get(ids[row])!);
  }
  return visible;
}

/** An SVG path from the right side of one node to the left side of another. */
export function edgePath(layout: Layout, edge: GraphEdge): string {
  const from = layout.nodes.get(edge.from)!;
  const to = layout.nodes.get(edge.to)!;
  const { nodeWidth, nodeHeight } = layout.options;
  const x1 = from.x + nodeWidth;
  const y1 = from.y + nodeHeight / 2;
  const x2 = to.x;
  const y2 = to.y + nodeHeight / 2;
  const bend = Math.max(20, (x2 - x1) / 2);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}
