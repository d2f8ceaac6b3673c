import { useEffect, useState } from 'react';

/** Pages of the app; routing is by URL hash so the server needs no fallback routes. */
export type Route =
  | { page: 'sql' }
  | { page: 'history' }
  | { page: 'catalog'; namespace?: string; name?: string }
  | { page: 'storage'; bucket?: string; prefix: string }
  | { page: 'connections'; name?: string }
  | { page: 'transform'; node?: string }
  | { page: 'orchestration'; tab: OrchestrationTab; id?: string };

export type OrchestrationTab = 'assets' | 'runs' | 'schedules' | 'jobs';
const ORCHESTRATION_TABS: OrchestrationTab[] = ['assets', 'runs', 'schedules', 'jobs'];

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** `#/storage/<bucket>/<prefix…>`: the prefix keeps its empty segments and always ends with `/`. */
function parseStorageRoute(path: string): Route {
  const rest = path.replace(/^storage\/?/, '');
  const slash = rest.indexOf('/');
  const bucket = decodePart(slash < 0 ? rest : rest.slice(0, slash));
  if (!bucket) return { page: 'storage', prefix: '' };
  const rawPrefix = slash < 0 ? '' : rest.slice(slash + 1);
  const prefix = rawPrefix.split('/').map(decodePart).join('/');
  return { page: 'storage', bucket, prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix };
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const parts = path
    .split('/')
    .filter((part) => part.length > 0)
    .map(decodePart);
  switch (parts[0]) {
    case 'storage':
      return parseStorageRoute(path);
    case 'history':
      return { page: 'history' };
    case 'catalog':
      return { page: 'catalog', namespace: parts[1], name: parts[2] };
    case 'connections':
      return { page: 'connections', name: parts[1] };
    case 'transform':
      return { page: 'transform', node: parts[1] };
    case 'orchestration': {
      const tab = ORCHESTRATION_TABS.find((t) => t === parts[1]) ?? 'assets';
      return { page: 'orchestration', tab, id: parts[1] === tab ? parts[2] : undefined };
    }
    default:
      return { page: 'sql' };
  }
}

export function routeHash(route: Route): string {
  if (route.page === 'storage') {
    if (!route.bucket) return '#/storage';
    const prefix = route.prefix.split('/').map(encodeURIComponent).join('/');
    return `#/storage/${encodeURIComponent(route.bucket)}/${prefix}`;
  }
  if (route.page === 'catalog') {
    const segments = [route.namespace, route.name].filter((s): s is string => !!s).map(encodeURIComponent);
    return ['#/catalog', ...segments].join('/');
  }
  if (route.page === 'connections') return route.name ? `#/connections/${encodeURIComponent(route.name)}` : '#/connections';
  if (route.page === 'transform') return route.node ? `#/transform/${encodeURIComponent(route.node)}` : '#/transform';
  if (route.page === 'orchestration') {
    return `#/orchestration/${route.tab}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
  }
  return `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
