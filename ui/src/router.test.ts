import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './router';
import { formatBytes, formatMillis, qualifiedName } from './format';

describe('routes', () => {
  it('parses hash routes', () => {
    expect(parseRoute('')).toEqual({ page: 'sql' });
    expect(parseRoute('#/sql')).toEqual({ page: 'sql' });
    expect(parseRoute('#/history')).toEqual({ page: 'history' });
    expect(parseRoute('#/catalog')).toEqual({ page: 'catalog', namespace: undefined, name: undefined });
    expect(parseRoute('#/catalog/sales%20eu/orders')).toEqual({ page: 'catalog', namespace: 'sales eu', name: 'orders' });
    expect(parseRoute('#/unknown')).toEqual({ page: 'sql' });
  });

  it('builds hashes that parse back', () => {
    const route = { page: 'catalog' as const, namespace: 'a/b', name: 'c d' };
    expect(routeHash(route)).toBe('#/catalog/a%2Fb/c%20d');
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('parses and builds the data pages', () => {
    expect(parseRoute('#/connections')).toEqual({ page: 'connections', name: undefined });
    expect(parseRoute('#/connections/shop')).toEqual({ page: 'connections', name: 'shop' });
    expect(parseRoute('#/transform/model.shop.stg_orders')).toEqual({ page: 'transform', node: 'model.shop.stg_orders' });
    expect(parseRoute('#/orchestration')).toEqual({ page: 'orchestration', tab: 'assets', id: undefined });
    expect(parseRoute('#/orchestration/bogus')).toEqual({ page: 'orchestration', tab: 'assets', id: undefined });
    expect(parseRoute('#/orchestration/runs/12')).toEqual({ page: 'orchestration', tab: 'runs', id: '12' });
    for (const route of [
      { page: 'connections' as const, name: 'shop' },
      { page: 'transform' as const, node: 'source.shop.raw.orders' },
      { page: 'orchestration' as const, tab: 'assets' as const, id: 'raw.orders' },
    ]) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
    expect(routeHash({ page: 'orchestration', tab: 'runs' })).toBe('#/orchestration/runs');
  });
});

describe('formatting', () => {
  it('formats sizes and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatMillis(999)).toBe('999 ms');
    expect(formatMillis(12_345)).toBe('12.3 s');
    expect(formatMillis(null)).toBe('–');
  });

  it('quotes identifiers that need it', () => {
    expect(qualifiedName('sales', 'orders')).toBe('sales.orders');
    expect(qualifiedName('sales', 'Order Items')).toBe('sales."Order Items"');
  });
});
