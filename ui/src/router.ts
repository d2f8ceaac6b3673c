import { useEffect, useState } from 'react';

/** Pages of the app; routing is by URL hash so the server needs no fallback routes. */
export type Route =
  | { page: 'sql' }
  | { page: 'history' }
  | { page: 'catalog'; namespace?: string; name?: string };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  switch (parts[0]) {
    case 'history':
      return { page: 'history' };
    case 'catalog':
      return { page: 'catalog', namespace: parts[1], name: parts[2] };
    default:
      return { page: 'sql' };
  }
}

export function routeHash(route: Route): string {
  if (route.page === 'catalog') {
    const segments = [route.namespace, route.name].filter((s): s is string => !!s).map(encodeURIComponent);
    return ['#/catalog', ...segments].join('/');
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
