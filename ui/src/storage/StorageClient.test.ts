import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { FakeServer, signIn } from '../test/fakeServer';
import { FakeStorage } from '../test/fakeStorage';
import { sortVersions, StorageClient } from './StorageClient';

function setUp() {
  signIn();
  const server = new FakeServer();
  const fake = new FakeStorage().install(server);
  return { server, fake, storage: new StorageClient(server.client()) };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('StorageClient', () => {
  it('creates, lists and deletes buckets with the session token', async () => {
    const { server, storage } = setUp();

    await storage.createBucket('logs');
    const buckets = await storage.buckets();
    await storage.deleteBucket('logs');

    expect(buckets).toEqual([{ name: 'logs', createdAt: expect.any(String), versioning: 'Unversioned', encryption: 'NONE' }]);
    expect(server.requestsTo('POST', '/api/v1/storage/buckets')[0].body).toEqual({ name: 'logs' });
    expect(server.requestsTo('DELETE', '/api/v1/storage/buckets/logs')[0].headers.authorization).toBe('Bearer token-1');
    expect(await storage.buckets()).toEqual([]);
  });

  it('reports the server error of a bucket that is not empty', async () => {
    const { fake, storage } = setUp();
    fake.createBucket('logs').putText('logs', 'a.txt', 'x');

    const error = await rejection(storage.deleteBucket('logs'));

    expect(error.status).toBe(409);
    expect(error.code).toBe('BucketNotEmpty');
    expect(error.message).toBe('Cannot delete bucket logs: the bucket is not empty');
  });

  it('lists a folder with the delimiter, the limit and the continuation', async () => {
    const { server, fake, storage } = setUp();
    fake.createBucket('logs').putText('logs', 'a/1.txt', '1').putText('logs', 'b/2.txt', '2').putText('logs', 'c.txt', 'c');

    const first = await storage.list('logs', { prefix: '', limit: 2 });
    const second = await storage.list('logs', { prefix: '', limit: 2, continuation: first.nextContinuation });

    expect(server.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/api/v1/storage/buckets/logs/objects?prefix=&delimiter=%2F&limit=2',
      '/api/v1/storage/buckets/logs/objects?prefix=&delimiter=%2F&continuation=b%2F&limit=2',
    ]);
    expect(first.prefixes).toEqual(['a/', 'b/']);
    expect(first.objects).toEqual([]);
    expect(second).toEqual({
      prefixes: [],
      objects: [expect.objectContaining({ key: 'c.txt', size: 1, contentType: 'text/plain', encrypted: false })],
      nextContinuation: null,
    });
  });

  it('encodes keys per segment in object paths', async () => {
    const { server, fake, storage } = setUp();
    fake.createBucket('logs', 'Enabled');

    await storage.putObject('logs', 'q1 report/#1.csv', new Blob(['a,b']), 'text/csv');
    const bytes = await storage.download('logs', 'q1 report/#1.csv');
    await storage.deleteObject('logs', 'q1 report/#1.csv');

    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'PUT /api/v1/storage/buckets/logs/objects/q1%20report/%231.csv',
      'GET /api/v1/storage/buckets/logs/objects/q1%20report/%231.csv?download=1',
      'DELETE /api/v1/storage/buckets/logs/objects/q1%20report/%231.csv',
    ]);
    expect(server.requests[0].headers['content-type']).toBe('text/csv');
    expect(server.requests[1].headers.accept).toBe('*/*');
    expect(await bytes.text()).toBe('a,b');
  });

  it('lists the versions of exactly one key and reads and deletes one version', async () => {
    const { server, fake, storage } = setUp();
    fake.createBucket('logs', 'Enabled').putText('logs', 'a.txt', 'one').putText('logs', 'a.txt', 'two').putText('logs', 'a.txt.bak', 'x');

    const versions = await storage.versions('logs', 'a.txt');
    const old = await storage.download('logs', 'a.txt', versions[1].versionId);
    await storage.deleteObject('logs', 'a.txt', versions[1].versionId);

    expect(server.requests[0].path).toBe('/api/v1/storage/buckets/logs/versions?prefix=a.txt');
    expect(versions.map((version) => [version.key, version.isLatest, version.deleteMarker])).toEqual([
      ['a.txt', true, false],
      ['a.txt', false, false],
    ]);
    expect(await old.text()).toBe('one');
    expect(server.requests[2].path).toBe(`/api/v1/storage/buckets/logs/objects/a.txt?versionId=${versions[1].versionId}`);
    expect(await storage.versions('logs', 'a.txt')).toHaveLength(1);
  });

  it('reads and changes bucket settings, events and the endpoint', async () => {
    const { server, fake, storage } = setUp();
    fake.createBucket('logs');

    const changed = await storage.updateSettings('logs', { versioning: 'Enabled', encryption: 'AES256' });
    fake.putText('logs', 'a.txt', 'x');
    const events = await storage.events('logs', 5);

    expect(server.requestsTo('PUT', '/api/v1/storage/buckets/logs/settings')[0].body).toEqual({
      versioning: 'Enabled',
      encryption: 'AES256',
    });
    expect(changed).toEqual({ versioning: 'Enabled', encryption: 'AES256' });
    expect(await storage.settings('logs')).toEqual(changed);
    expect(server.requests.some((request) => request.path === '/api/v1/storage/events?bucket=logs&limit=5')).toBe(true);
    expect(events).toEqual([expect.objectContaining({ type: 'CREATED', bucket: 'logs', key: 'a.txt', size: 1 })]);
    expect(await storage.info()).toEqual({ endpoint: 'http://127.0.0.1:9000', region: 'us-east-1' });
  });
});

describe('sortVersions', () => {
  const version = (versionId: string, lastModified: string, isLatest = false) => ({
    key: 'a.txt',
    versionId,
    isLatest,
    deleteMarker: false,
    size: 1,
    lastModified,
    etag: 'e',
  });

  it('puts the latest version first and the others newest first', () => {
    const sorted = sortVersions([
      version('v1', '2026-01-01T10:00:00Z'),
      version('v3', '2026-01-01T10:00:02Z'),
      version('v4', '2026-01-01T10:00:02Z', true),
      version('v2', '2026-01-01T10:00:01Z'),
    ]);

    expect(sorted.map((v) => v.versionId)).toEqual(['v4', 'v3', 'v2', 'v1']);
  });
});
