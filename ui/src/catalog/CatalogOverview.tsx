import { useEffect, useState } from 'react';
import type { CatalogObject } from '../api/types';
import { errorMessage, useLoadable, type Loadable } from '../loadable';
import { routeHash } from '../router';
import type { CatalogCache } from './CatalogCache';

/** Landing page of the catalog: every namespace with its tables and views. */
export function CatalogOverview({ catalog }: { catalog: CatalogCache }) {
  const [namespaces] = useLoadable(() => catalog.namespaces(), 'namespaces');
  const [objects, setObjects] = useState<Record<string, Loadable<CatalogObject[]>>>({});

  useEffect(() => {
    if (namespaces.state !== 'ready') return;
    let current = true;
    for (const { name } of namespaces.value) {
      catalog.objects(name).then(
        (value) => current && setObjects((previous) => ({ ...previous, [name]: { state: 'ready', value } })),
        (cause: unknown) =>
          current &&
          setObjects((previous) => ({ ...previous, [name]: { state: 'error', message: errorMessage(cause) } })),
      );
    }
    return () => {
      current = false;
    };
  }, [catalog, namespaces]);

  if (namespaces.state === 'loading') return <div className="placeholder">Loading…</div>;
  if (namespaces.state === 'error') return <div className="placeholder error-text">{namespaces.message}</div>;
  if (namespaces.value.length === 0) return <div className="placeholder">The catalog is empty.</div>;
  return (
    <div className="catalog-overview" data-testid="catalog-overview">
      <h1>Catalog</h1>
      {namespaces.value.map(({ name: namespace }) => {
        const loaded = objects[namespace];
        return (
          <section key={namespace}>
            <h2>{namespace}</h2>
            {(!loaded || loaded.state === 'loading') && <p className="muted">Loading…</p>}
            {loaded?.state === 'error' && <p className="error-text">{loaded.message}</p>}
            {loaded?.state === 'ready' && loaded.value.length === 0 && <p className="muted">No tables or views</p>}
            {loaded?.state === 'ready' && loaded.value.length > 0 && (
              <ul className="object-list">
                {loaded.value.map((object) => (
                  <li key={object.name}>
                    <a href={routeHash({ page: 'catalog', namespace, name: object.name })}>
                      <span className={`kind kind-${object.kind.toLowerCase()}`}>{object.kind === 'VIEW' ? 'V' : 'T'}</span>
                      {object.name}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
