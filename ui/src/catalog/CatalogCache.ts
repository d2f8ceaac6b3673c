import type { ApiClient } from '../api/client';
import type { CatalogColumn, CatalogObject, Namespace } from '../api/types';

/** Table and column names known so far, in the shape the SQL editor's completion takes. */
export type CompletionSchema = Record<string, Record<string, string[]>>;

/**
 * Catalog answers shared by the schema tree and the editor's completion. Each request is made
 * once (a failed one is forgotten so it can be retried); `clear` starts over.
 */
export class CatalogCache {
  private readonly client: ApiClient;
  private namespaceRequest: Promise<Namespace[]> | null = null;
  private readonly objectRequests = new Map<string, Promise<CatalogObject[]>>();
  private readonly columnRequests = new Map<string, Promise<CatalogColumn[]>>();
  private readonly loadedObjects = new Map<string, CatalogObject[]>();
  private readonly loadedColumns = new Map<string, CatalogColumn[]>();
  private readonly listeners = new Set<() => void>();
  /** Open nodes of the schema tree, kept here so they survive page switches. */
  openNamespaces = new Set<string>();
  openObjects = new Set<string>();

  constructor(client: ApiClient) {
    this.client = client;
  }

  namespaces(): Promise<Namespace[]> {
    if (!this.namespaceRequest) {
      this.namespaceRequest = this.client.namespaces().catch((error: unknown) => {
        this.namespaceRequest = null;
        throw error;
      });
    }
    return this.namespaceRequest;
  }

  objects(namespace: string): Promise<CatalogObject[]> {
    return this.memoize(this.objectRequests, namespace, () =>
      this.client.objects(namespace).then((objects) => {
        this.loadedObjects.set(namespace, objects);
        this.changed();
        return objects;
      }),
    );
  }

  columns(namespace: string, name: string): Promise<CatalogColumn[]> {
    const key = `${namespace}\u0000${name}`;
    return this.memoize(this.columnRequests, key, () =>
      this.client.object(namespace, name).then((detail) => {
        this.loadedColumns.set(key, detail.columns);
        this.changed();
        return detail.columns;
      }),
    );
  }

  clear(): void {
    this.namespaceRequest = null;
    this.objectRequests.clear();
    this.columnRequests.clear();
    this.loadedObjects.clear();
    this.loadedColumns.clear();
    this.openNamespaces = new Set();
    this.openObjects = new Set();
    this.changed();
  }

  /** Calls the listener whenever more names are known; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  completionSchema(): CompletionSchema {
    const schema: CompletionSchema = {};
    for (const [namespace, objects] of this.loadedObjects) {
      const tables: Record<string, string[]> = {};
      for (const object of objects) {
        const columns = this.loadedColumns.get(`${namespace}\u0000${object.name}`) ?? [];
        tables[object.name] = columns.map((column) => column.name);
      }
      schema[namespace] = tables;
    }
    return schema;
  }

  private memoize<T>(requests: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let request = requests.get(key);
    if (!request) {
      request = load().catch((error: unknown) => {
        requests.delete(key);
        throw error;
      });
      requests.set(key, request);
    }
    return request;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
