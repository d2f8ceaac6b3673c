import { describe, expect, it } from 'vitest';
import { CatalogCache } from './CatalogCache';
import { FakeServer, signIn } from '../test/fakeServer';

describe('CatalogCache', () => {
  it('asks the server once per namespace and builds the completion schema', async () => {
    signIn();
    const server = new FakeServer()
      .on('GET', '/api/v1/catalog/namespaces/sales/objects', {
        status: 200,
        body: { objects: [{ name: 'orders', kind: 'TABLE' }, { name: 'big_orders', kind: 'VIEW' }] },
      })
      .on('GET', '/api/v1/catalog/namespaces/sales/objects/orders', {
        status: 200,
        body: { namespace: 'sales', name: 'orders', kind: 'TABLE', columns: [{ id: 1, name: 'order_id', type: 'long' }] },
      });
    const cache = new CatalogCache(server.client());
    let changes = 0;
    cache.subscribe(() => changes++);

    await Promise.all([cache.objects('sales'), cache.objects('sales')]);
    await cache.columns('sales', 'orders');

    expect(server.requestsTo('GET', '/api/v1/catalog/namespaces/sales/objects')).toHaveLength(1);
    expect(changes).toBe(2);
    expect(cache.completionSchema()).toEqual({ sales: { orders: ['order_id'], big_orders: [] } });
  });

  it('forgets a failed request so it can be retried', async () => {
    signIn();
    let calls = 0;
    const server = new FakeServer().on('GET', '/api/v1/catalog/namespaces', () =>
      ++calls === 1
        ? { status: 503, body: { error: { code: 'INTERNAL_ERROR', message: 'Cannot list namespaces: catalog offline' } } }
        : { status: 200, body: { namespaces: [{ name: 'sales' }] } },
    );
    const cache = new CatalogCache(server.client());

    await expect(cache.namespaces()).rejects.toThrow('Cannot list namespaces: catalog offline');
    expect(await cache.namespaces()).toEqual([{ name: 'sales' }]);
  });
});
