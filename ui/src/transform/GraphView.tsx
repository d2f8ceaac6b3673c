import { useEffect, useRef, useState, type ReactNode } from 'react';
import { edgePath, visibleNodes, type Layout, type Viewport } from './graphLayout';

interface GraphViewProps {
  layout: Layout;
  testId: string;
  nodeTestId: string;
  selected: string | null;
  onSelect: (id: string) => void;
  label: (id: string) => string;
  /** A CSS class per node, e.g. its status tone. */
  nodeClass: (id: string) => string;
  /** Extra content inside the node, drawn after the label. */
  decorate?: (id: string) => ReactNode;
}

// jsdom and hidden containers report no size; draw a screenful then.
const FALLBACK_VIEWPORT = { width: 1200, height: 800 };

/**
 * An SVG of a laid-out graph inside a scrolling box. Only the nodes in view (and edges touching
 * them) are drawn, so graphs of thousands of nodes scroll smoothly.
 */
export function GraphView({ layout, testId, nodeTestId, selected, onSelect, label, nodeClass, decorate }: GraphViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport>({ x: 0, y: 0, ...FALLBACK_VIEWPORT });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const update = () =>
      setViewport({
        x: element.scrollLeft,
        y: element.scrollTop,
        width: element.clientWidth || FALLBACK_VIEWPORT.width,
        height: element.clientHeight || FALLBACK_VIEWPORT.height,
      });
    update();
    element.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      element.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [layout]);

  // A selection made elsewhere (a list, a search) scrolls its node into view.
  useEffect(() => {
    const element = box.current;
    const node = selected ? layout.nodes.get(selected) : undefined;
    if (!element || !node || !element.clientWidth) return;
    const { nodeWidth, nodeHeight } = layout.options;
    const inView =
      node.x >= element.scrollLeft &&
      node.x + nodeWidth <= element.scrollLeft + element.clientWidth &&
      node.y >= element.scrollTop &&
      node.y + nodeHeight <= element.scrollTop + element.clientHeight;
    if (!inView) {
      element.scrollTo({ left: Math.max(0, node.x - 40), top: Math.max(0, node.y - element.clientHeight / 3) });
    }
  }, [selected, layout]);

  const nodes = visibleNodes(layout, viewport, 200);
  const shown = new Set(nodes.map((node) => node.id));
  const edges = layout.edges.filter((edge) => shown.has(edge.from) || shown.has(edge.to));
  const { nodeWidth, nodeHeight } = layout.options;
  const padding = 10;

  return (
    <div className="graph-box" ref={box} data-testid={testId} data-node-count={layout.nodes.size}>
      <svg width={layout.width + padding * 2} height={layout.height + padding * 2} className="graph-svg">
        <g transform={`translate(${padding},${padding})`}>
          {edges.map((edge) => (
            <path
              key={`${edge.from}->${edge.to}`}
              d={edgePath(layout, edge)}
              className={selected && (edge.from === selected || edge.to === selected) ? 'graph-edge graph-edge-active' : 'graph-edge'}
            />
          ))}
          {nodes.map((node) => (
            <g
              key={node.id}
              transform={`translate(${node.x},${node.y})`}
              className={`graph-node ${nodeClass(node.id)}${node.id === selected ? ' graph-node-selected' : ''}`}
              data-testid={nodeTestId}
              data-id={node.id}
              onClick={() => onSelect(node.id)}
            >
              <title>{node.id}</title>
              <rect width={nodeWidth} height={nodeHeight} rx={6} />
              <text x={10} y={nodeHeight / 2 + 4}>
                {truncate(label(node.id), 24)}
              </text>
              {decorate?.(node.id)}
            </g>
          ))}
        </g>
      </svg>
    </div>
  );
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
