import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { FakeServer, signIn } from '../test/fakeServer';
import { bodyBytes, FakeStorage } from '../test/fakeStorage';
import { StorageClient } from './StorageClient';
import { PART_SIZE, partRanges, uploadFile } from './upload';

function setUp(versioning: 'Unversioned' | 'Enabled' = 'Unversioned') {
  signIn();
  const server = new FakeServer();
  const fake = new FakeStorage().install(server).createBucket('data', versioning);
  return { server, fake, storage: new StorageClient(server.client()) };
}

function partRequests(server: FakeServer) {
  return server.requests.filter((request) => request.method === 'PUT' && request.path.includes('/parts/'));
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the upload to fail');
}

describe('partRanges', () => {
  it('splits a file into numbered parts with a shorter last part', () => {
    expect(partRanges(10, 4)).toEqual([
      { partNumber: 1, start: 0, end: 4 },
      { partNumber: 2, start: 4, end: 8 },
      { partNumber: 3, start: 8, end: 10 },
    ]);
    expect(partRanges(8, 4).map((range) => range.end - range.start)).toEqual([4, 4]);
    expect(partRanges(0, 4)).toEqual([]);
    expect(partRanges(12 * 1000 * 1000).map((range) => range.end - range.start)).toEqual([
      PART_SIZE,
      12 * 1000 * 1000 - PART_SIZE,
    ]);
  });

  it('rejects a part size that is not a positive integer', () => {
    expect(() => partRanges(10, 0)).toThrow('Cannot split a file into parts: the part size must be a positive integer (0)');
  });
});

describe('uploadFile', () => {
  it('stores a file that fits in one part with a single request and its content type', async () => {
    const { server, fake, storage } = setUp();
    const progress: number[] = [];

    const result = await uploadFile(storage, 'data', 'notes/hello.txt', new File(['hello'], 'hello.txt', { type: 'text/plain' }), {
      onProgress: (loaded) => progress.push(loaded),
    });

    const put = server.requestsTo('PUT', '/api/v1/storage/buckets/data/objects/notes/hello.txt')[0];
    expect(put.headers['content-type']).toBe('text/plain');
    expect(put.headers.authorization).toBe('Bearer token-1');
    expect(result).toEqual({ key: 'notes/hello.txt', etag: expect.any(String), versionId: null, size: 5 });
    expect(fake.text('data', 'notes/hello.txt')).toBe('hello');
    expect(progress).toEqual([0, 5]);
    expect(server.requests.some((request) => request.path.includes('/uploads'))).toBe(false);
  });

  it('uploads a larger file in parts, at most two at a time, and completes it', async () => {
    const { server, fake, storage } = setUp('Enabled');
    const text = 'abcdefghijklmnopqrstuvwxyz';
    let release = () => {};
    fake.partGate = new Promise((resolve) => (release = resolve));
    const progress: number[] = [];

    const upload = uploadFile(storage, 'data', 'big.txt', new File([text], 'big.txt', { type: 'text/plain' }), {
      partSize: 10,
      onProgress: (loaded) => progress.push(loaded),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(partRequests(server)).toHaveLength(2);
    release();
    const result = await upload;

    const start = server.requestsTo('POST', '/api/v1/storage/buckets/data/uploads')[0];
    expect(start.body).toEqual({ key: 'big.txt', contentType: 'text/plain' });
    const parts = partRequests(server);
    expect(parts.map((request) => request.path)).toEqual([
      '/api/v1/storage/buckets/data/uploads/upload-1/parts/1?key=big.txt',
      '/api/v1/storage/buckets/data/uploads/upload-1/parts/2?key=big.txt',
      '/api/v1/storage/buckets/data/uploads/upload-1/parts/3?key=big.txt',
    ]);
    const sizes = await Promise.all(parts.map(async (request) => (await bodyBytes(request.raw)).length));
    expect(sizes).toEqual([10, 10, 6]);
    const complete = server.requestsTo('POST', '/api/v1/storage/buckets/data/uploads/upload-1/complete')[0];
    expect((complete.body as { parts: { partNumber: number }[] }).parts.map((part) => part.partNumber)).toEqual([1, 2, 3]);
    expect(result.versionId).toMatch(/^v\d+$/);
    expect(result.etag).toMatch(/-3$/);
    expect(fake.text('data', 'big.txt')).toBe(text);
    expect(progress.at(-1)).toBe(26);
    expect(fake.uploads.size).toBe(0);
  });

  it('splits a 17 MiB file into 8 MiB parts', async () => {
    const { server, fake, storage } = setUp();
    const bytes = new Uint8Array(17 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i / 4096) % 251;

    await uploadFile(storage, 'data', 'blob.bin', new Blob([bytes]));

    const sizes = await Promise.all(partRequests(server).map(async (request) => (await bodyBytes(request.raw)).length));
    expect(sizes.sort((a, b) => b - a)).toEqual([PART_SIZE, PART_SIZE, 1024 * 1024]);
    expect(server.requestsTo('POST', '/api/v1/storage/buckets/data/uploads')[0].body).toEqual({
      key: 'blob.bin',
      contentType: 'application/octet-stream',
    });
    const stored = fake.buckets.get('data')!.versions[0].bytes;
    expect(stored.length).toBe(bytes.length);
    expect(stored[4096 * 2100]).toBe(2100 % 251);
  });

  it('aborts the multipart upload when a part fails and reports the failure', async () => {
    const { server, fake, storage } = setUp();
    fake.failingParts.add(2);

    const error = await rejection(uploadFile(storage, 'data', 'big.txt', new Blob(['0123456789abcdef']), { partSize: 4 }));

    expect(error.message).toBe('Cannot store part 2: disk full');
    expect(fake.aborted).toEqual(['upload-1']);
    expect(server.requestsTo('DELETE', '/api/v1/storage/buckets/data/uploads/upload-1?key=big.txt')).toHaveLength(1);
    expect(server.requests.some((request) => request.path.endsWith('/complete'))).toBe(false);
    expect(fake.text('data', 'big.txt')).toBeNull();
  });

  it('aborts the multipart upload when it is cancelled', async () => {
    const { fake, storage } = setUp();
    fake.partGate = new Promise(() => {});
    const controller = new AbortController();

    const upload = uploadFile(storage, 'data', 'big.txt', new Blob(['0123456789abcdef']), {
      partSize: 4,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const error = await rejection(upload);

    expect(error.code).toBe('CANCELLED');
    expect(error.message).toBe('The upload was cancelled');
    expect(fake.aborted).toEqual(['upload-1']);
    expect(fake.text('data', 'big.txt')).toBeNull();
  });
});
