import { describe, expect, it } from 'vitest';
import { baseName, breadcrumbs, childPrefix, cliHint, encodeKey, relativeName } from './keys';
import { parseRoute, routeHash } from '../router';

describe('object keys', () => {
  it('encodes each segment of a key and keeps the separators', () => {
    expect(encodeKey('reports/2026 Q1/sales #1.csv')).toBe('reports/2026%20Q1/sales%20%231.csv');
    expect(encodeKey('a//b?c')).toBe('a//b%3Fc');
  });

  it('names entries relative to the listed folder', () => {
    expect(baseName('a/b/c.txt')).toBe('c.txt');
    expect(baseName('a/b/')).toBe('b');
    expect(relativeName('a/b/c.txt', 'a/')).toBe('b/c.txt');
    expect(relativeName('a/b/', 'a/')).toBe('b/');
  });

  it('builds breadcrumbs from a prefix', () => {
    expect(breadcrumbs('')).toEqual([]);
    expect(breadcrumbs('a/b c/')).toEqual([
      { label: 'a', prefix: 'a/' },
      { label: 'b c', prefix: 'a/b c/' },
    ]);
  });

  it('turns a typed folder name into a prefix', () => {
    expect(childPrefix('a/', ' new ')).toBe('a/new/');
    expect(childPrefix('', '/x/y/')).toBe('x/y/');
    expect(childPrefix('a/', ' / ')).toBeNull();
  });

  it('builds the AWS CLI hint', () => {
    expect(cliHint('http://127.0.0.1:9000')).toBe('aws --endpoint-url http://127.0.0.1:9000 s3 ls');
  });
});

describe('storage routes', () => {
  it('parses buckets and prefixes', () => {
    expect(parseRoute('#/storage')).toEqual({ page: 'storage', prefix: '' });
    expect(parseRoute('#/storage/')).toEqual({ page: 'storage', prefix: '' });
    expect(parseRoute('#/storage/logs')).toEqual({ page: 'storage', bucket: 'logs', prefix: '' });
    expect(parseRoute('#/storage/logs/2026/01/')).toEqual({ page: 'storage', bucket: 'logs', prefix: '2026/01/' });
    expect(parseRoute('#/storage/logs/2026/01')).toEqual({ page: 'storage', bucket: 'logs', prefix: '2026/01/' });
  });

  it('builds hashes that parse back, with spaces and empty segments', () => {
    const route = { page: 'storage' as const, bucket: 'logs', prefix: 'a b//c%/' };
    expect(routeHash(route)).toBe('#/storage/logs/a%20b//c%25/');
    expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ page: 'storage', prefix: '' })).toBe('#/storage');
  });
});
