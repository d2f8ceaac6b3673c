import { useEffect, useRef, useState } from 'react';
import type { CatalogColumn, CatalogObject } from '../api/types';
import { errorMessage, useLoadable, type Loadable } from '../loadable';
import { routeHash } from '../router';
import type { CatalogCache } from './CatalogCache';

interface SchemaTreeProps {
  catalog: CatalogCache;
  /** Called when a table or view name is clicked. */
  onPick: (namespace: string, name: string) => void;
  pickTitle: string;
  selected?: { namespace?: string; name?: string };
}

function objectKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

function Caret({ open }: { open: boolean }) {
  return <span className={open ? 'caret open' : 'caret'} aria-hidden="true" />;
}

function Status({ value }: { value: Loadable<unknown> | undefined }) {
  if (!value || value.state === 'loading') return <li className="tree-note">Loading…</li>;
  if (value.state === 'error') return <li className="tree-note error-text">{value.message}</li>;
  return null;
}

/** Side panel: namespaces → tables/views → columns, each level loaded when opened. */
export function SchemaTree({ catalog, onPick, pickTitle, selected }: SchemaTreeProps) {
  const [namespaces, reload] = useLoadable(() => catalog.namespaces(), 'namespaces');
  const [objects, setObjects] = useState<Record<string, Loadable<CatalogObject[]>>>({});
  const [columns, setColumns] = useState<Record<string, Loadable<CatalogColumn[]>>>({});
  // Which nodes are open survives page switches: it is kept beside the cached answers.
  const [openNamespaces, setOpenNamespaces] = useState<Set<string>>(catalog.openNamespaces);
  const [openObjects, setOpenObjects] = useState<Set<string>>(catalog.openObjects);
  catalog.openNamespaces = openNamespaces;
  catalog.openObjects = openObjects;
  const objectsRef = useRef(objects);
  objectsRef.current = objects;

  const toggle = (set: Set<string>, key: string) => {
    const next = new Set(set);
    if (!next.delete(key)) next.add(key);
    return next;
  };

  const loadObjects = (namespace: string) => {
    setObjects((previous) => ({ ...previous, [namespace]: { state: 'loading' } }));
    catalog.objects(namespace).then(
      (value) => setObjects((previous) => ({ ...previous, [namespace]: { state: 'ready', value } })),
      (cause: unknown) =>
        setObjects((previous) => ({ ...previous, [namespace]: { state: 'error', message: errorMessage(cause) } })),
    );
  };

  const loadColumns = (namespace: string, name: string) => {
    const key = objectKey(namespace, name);
    setColumns((previous) => ({ ...previous, [key]: { state: 'loading' } }));
    catalog.columns(namespace, name).then(
      (value) => setColumns((previous) => ({ ...previous, [key]: { state: 'ready', value } })),
      (cause: unknown) =>
        setColumns((previous) => ({ ...previous, [key]: { state: 'error', message: errorMessage(cause) } })),
    );
  };

  const toggleNamespace = (namespace: string) => {
    if (!objects[namespace] || objects[namespace].state === 'error') loadObjects(namespace);
    setOpenNamespaces((set) => toggle(set, namespace));
  };

  const toggleObject = (namespace: string, name: string) => {
    const key = objectKey(namespace, name);
    if (!columns[key] || columns[key].state === 'error') loadColumns(namespace, name);
    setOpenObjects((set) => toggle(set, key));
  };

  const refresh = () => {
    catalog.clear();
    setObjects({});
    setColumns({});
    setOpenObjects(new Set());
    setOpenNamespaces(new Set());
    reload();
  };

  // Nodes left open on another page show their children again.
  useEffect(() => {
    for (const namespace of openNamespaces) loadObjects(namespace);
    for (const key of openObjects) {
      const [namespace, name] = key.split('\u0000');
      loadColumns(namespace, name);
    }
  }, []);

  // The catalog page opens the namespace of the table it shows.
  const selectedNamespace = selected?.namespace;
  useEffect(() => {
    if (!selectedNamespace) return;
    setOpenNamespaces((set) => (set.has(selectedNamespace) ? set : new Set(set).add(selectedNamespace)));
    if (!objectsRef.current[selectedNamespace]) loadObjects(selectedNamespace);
  }, [selectedNamespace]);

  return (
    <div className="schema-tree" data-testid="schema-tree">
      <div className="panel-header">
        <span>Catalog</span>
        <button type="button" className="icon-button" onClick={refresh} title="Reload the catalog">
          ↻
        </button>
      </div>
      <ul className="tree" role="tree">
        {namespaces.state !== 'ready' && <Status value={namespaces} />}
        {namespaces.state === 'ready' && namespaces.value.length === 0 && <li className="tree-note">No namespaces</li>}
        {namespaces.state === 'ready' &&
          namespaces.value.map(({ name: namespace }) => {
            const open = openNamespaces.has(namespace);
            const loaded = objects[namespace];
            return (
              <li key={namespace} role="treeitem" aria-expanded={open}>
                <button type="button" className="tree-row namespace" onClick={() => toggleNamespace(namespace)}>
                  <Caret open={open} />
                  <span className="tree-label">{namespace}</span>
                </button>
                {open && (
                  <ul role="group">
                    {loaded?.state !== 'ready' && <Status value={loaded} />}
                    {loaded?.state === 'ready' && loaded.value.length === 0 && <li className="tree-note">Empty</li>}
                    {loaded?.state === 'ready' &&
                      loaded.value.map((object) => {
                        const key = objectKey(namespace, object.name);
                        const objectOpen = openObjects.has(key);
                        const isSelected = selected?.namespace === namespace && selected?.name === object.name;
                        return (
                          <li key={object.name} role="treeitem" aria-expanded={objectOpen}>
                            <div className={isSelected ? 'tree-row object selected' : 'tree-row object'}>
                              <button
                                type="button"
                                className="caret-button"
                                aria-label={`Show columns of ${object.name}`}
                                onClick={() => toggleObject(namespace, object.name)}
                              >
                                <Caret open={objectOpen} />
                              </button>
                              <span className={`kind kind-${object.kind.toLowerCase()}`} title={object.kind}>
                                {object.kind === 'VIEW' ? 'V' : 'T'}
                              </span>
                              <button
                                type="button"
                                className="tree-label object-name"
                                data-testid="schema-object"
                                title={pickTitle}
                                onClick={() => onPick(namespace, object.name)}
                              >
                                {object.name}
                              </button>
                              <a
                                className="details-link"
                                href={routeHash({ page: 'catalog', namespace, name: object.name })}
                                title="Open the catalog page"
                              >
                                ⓘ
                              </a>
                            </div>
                            {objectOpen && (
                              <ul role="group">
                                {columns[key]?.state !== 'ready' && <Status value={columns[key]} />}
                                {columns[key]?.state === 'ready' &&
                                  (columns[key] as { value: CatalogColumn[] }).value.map((column) => (
                                    <li key={column.id ?? column.name} className="tree-row column">
                                      <span className="tree-label">{column.name}</span>
                                      <span className="column-type">{column.type}</span>
                                    </li>
                                  ))}
                              </ul>
                            )}
                          </li>
                        );
                      })}
                  </ul>
                )}
              </li>
            );
          })}
      </ul>
    </div>
  );
}
