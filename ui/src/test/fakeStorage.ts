import type { FakeResponse, FakeServer, RecordedRequest } from './fakeServer';
import type { Encryption, StorageEvent, Versioning } from '../storage/types';

interface StoredVersion {
  key: string;
  versionId: string;
  deleteMarker: boolean;
  bytes: Uint8Array;
  contentType: string;
  etag: string;
  lastModified: string;
  encrypted: boolean;
}

interface FakeBucket {
  name: string;
  createdAt: string;
  versioning: Versioning;
  encryption: Encryption;
  /** Oldest first; the last version of a key is its latest. */
  versions: StoredVersion[];
}

interface FakeUpload {
  bucket: string;
  key: string;
  contentType: string;
  parts: Map<number, Uint8Array>;
}

const BASE = '/api/v1/storage/';

function error(status: number, code: string, message: string): FakeResponse {
  return { status, body: { error: { code, message } } };
}

/** Reads a request body the way a server would receive it. */
export function bodyBytes(raw: unknown): Promise<Uint8Array> {
  if (raw === undefined || raw === null) return Promise.resolve(new Uint8Array());
  if (raw instanceof Uint8Array) return Promise.resolve(raw);
  if (typeof raw === 'string') return Promise.resolve(new TextEncoder().encode(raw));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(raw as Blob);
  });
}

function etagOf(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return `${hash.toString(16).padStart(8, '0')}${bytes.length.toString(16)}`;
}

function decodeKey(path: string): string {
  return path.split('/').map(decodeURIComponent).join('/');
}

/**
 * An in-memory object store behind the storage console routes of FakeServer, following the REST
 * contract: buckets with versioning and default encryption, folder listings with pages, versions
 * and delete markers, multipart uploads and object events.
 */
export class FakeStorage {
  readonly buckets = new Map<string, FakeBucket>();
  readonly uploads = new Map<string, FakeUpload>();
  readonly events: StorageEvent[] = [];
  readonly accessKeys: { accessKey: string; secretKey: string; owner: string; createdAt: string; description: string }[] = [];
  /** Upload ids aborted by the client. */
  readonly aborted: string[] = [];
  /** Part numbers that fail with a 500 answer. */
  readonly failingParts = new Set<number>();
  /** When set, part uploads wait for it before they are stored. */
  partGate: Promise<void> | null = null;
  private counter = 0;
  private clock = Date.parse('2026-03-01T10:00:00Z');

  install(server: FakeServer): this {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      server.onMatch(method, /^\/api\/v1\/storage\//, (request) => this.handle(request));
    }
    return this;
  }

  createBucket(name: string, versioning: Versioning = 'Unversioned'): this {
    this.buckets.set(name, { name, createdAt: this.now(), versioning, encryption: 'NONE', versions: [] });
    return this;
  }

  putText(bucket: string, key: string, text: string): this {
    this.store(this.bucket(bucket)!, key, new TextEncoder().encode(text), 'text/plain');
    return this;
  }

  /** The latest bytes of a key as text, or null when it has none. */
  text(bucket: string, key: string): string | null {
    const latest = this.latest(this.bucket(bucket)!, key);
    return latest && !latest.deleteMarker ? new TextDecoder().decode(latest.bytes) : null;
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private bucket(name: string): FakeBucket | undefined {
    return this.buckets.get(name);
  }

  private latest(bucket: FakeBucket, key: string): StoredVersion | undefined {
    return bucket.versions.filter((version) => version.key === key).at(-1);
  }

  private async handle(request: RecordedRequest): Promise<FakeResponse> {
    const url = new URL(request.path, 'http://fake');
    const rest = url.pathname.slice(BASE.length);
    const query = url.searchParams;
    if (rest === 'info') return { status: 200, body: { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1' } };
    if (rest === 'events') return this.listEvents(query);
    if (rest === 'keys' || rest.startsWith('keys/')) return this.keys(request, decodeURIComponent(rest.slice(5)));
    if (rest === 'buckets') return request.method === 'GET' ? this.listBuckets() : this.create(request.body as { name: string });
    const match = /^buckets\/([^/]+)(?:\/(settings|objects|versions|uploads)(?:\/(.*))?)?$/.exec(rest);
    if (!match) return error(404, 'NOT_FOUND', `No route ${request.method} ${url.pathname}`);
    const bucket = this.bucket(decodeURIComponent(match[1]));
    if (!bucket) return error(404, 'NoSuchBucket', `Cannot find bucket ${decodeURIComponent(match[1])}`);
    const [, , area, tail] = match;
    if (!area) return this.deleteBucket(bucket);
    if (area === 'settings') return this.settings(bucket, request);
    if (area === 'versions') return this.listVersions(bucket, query.get('prefix') ?? '');
    if (area === 'uploads') return this.upload(bucket, request, tail ?? '', query);
    if (!tail) return this.list(bucket, query);
    const key = decodeKey(tail);
    if (request.method === 'PUT') {
      const stored = this.store(bucket, key, await bodyBytes(request.raw), request.headers['content-type'] ?? '');
      return { status: 200, body: { key, etag: stored.etag, versionId: this.versionIdOf(bucket, stored), size: stored.bytes.length } };
    }
    if (request.method === 'GET') return this.read(bucket, key, query);
    return this.remove(bucket, key, query.get('versionId'));
  }

  private keys(request: RecordedRequest, accessKey: string): FakeResponse {
    if (request.method === 'GET') {
      return { status: 200, body: { keys: this.accessKeys.map(({ secretKey: _secret, ...key }) => key) } };
    }
    if (request.method === 'POST') {
      const key = {
        accessKey: `DPKEY${++this.counter}`,
        secretKey: `secret-${this.counter}`,
        owner: 'alice',
        createdAt: this.now(),
        description: (request.body as { description: string }).description,
      };
      this.accessKeys.push(key);
      return { status: 201, body: { accessKey: key.accessKey, secretKey: key.secretKey, createdAt: key.createdAt } };
    }
    const index = this.accessKeys.findIndex((key) => key.accessKey === accessKey);
    if (index < 0) return error(404, 'NoSuchKey', `Cannot delete access key ${accessKey}: it does not exist`);
    this.accessKeys.splice(index, 1);
    return { status: 204 };
  }

  private listBuckets(): FakeResponse {
    const buckets = [...this.buckets.values()].map(({ name, createdAt, versioning, encryption }) => ({
      name,
      createdAt,
      versioning,
      encryption,
    }));
    return { status: 200, body: { buckets } };
  }

  private create({ name }: { name: string }): FakeResponse {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) {
      return error(400, 'InvalidBucketName', `Cannot create bucket ${name}: the name is not a valid bucket name`);
    }
    if (this.buckets.has(name)) return error(409, 'BucketAlreadyExists', `Cannot create bucket ${name}: it exists`);
    this.createBucket(name);
    return { status: 201, body: { name } };
  }

  private deleteBucket(bucket: FakeBucket): FakeResponse {
    if (bucket.versions.length > 0) {
      return error(409, 'BucketNotEmpty', `Cannot delete bucket ${bucket.name}: the bucket is not empty`);
    }
    this.buckets.delete(bucket.name);
    return { status: 204 };
  }

  private settings(bucket: FakeBucket, request: RecordedRequest): FakeResponse {
    if (request.method === 'PUT') {
      const change = request.body as { versioning?: string; encryption?: string };
      if (change.versioning !== undefined && change.versioning !== 'Enabled' && change.versioning !== 'Suspended') {
        return error(400, 'InvalidArgument', `Cannot change versioning: ${change.versioning} is not Enabled or Suspended`);
      }
      if (change.encryption !== undefined && change.encryption !== 'AES256' && change.encryption !== 'NONE') {
        return error(400, 'InvalidArgument', `Cannot change encryption: ${change.encryption} is not AES256 or NONE`);
      }
      if (change.versioning) bucket.versioning = change.versioning as Versioning;
      if (change.encryption) bucket.encryption = change.encryption as Encryption;
    }
    return { status: 200, body: { versioning: bucket.versioning, encryption: bucket.encryption } };
  }

  private versionIdOf(bucket: FakeBucket, version: StoredVersion): string | null {
    return bucket.versioning === 'Unversioned' ? null : version.versionId;
  }

  private nextVersionId(bucket: FakeBucket, key: string): string {
    if (bucket.versioning === 'Enabled') return `v${++this.counter}`;
    // Unversioned and suspended buckets keep one "null" version that each write replaces.
    bucket.versions = bucket.versions.filter((version) => version.key !== key || version.versionId !== 'null');
    return 'null';
  }

  private store(bucket: FakeBucket, key: string, bytes: Uint8Array, contentType: string, etag = etagOf(bytes)) {
    const version: StoredVersion = {
      key,
      versionId: this.nextVersionId(bucket, key),
      deleteMarker: false,
      bytes,
      contentType: contentType || 'application/octet-stream',
      etag,
      lastModified: this.now(),
      encrypted: bucket.encryption === 'AES256',
    };
    bucket.versions.push(version);
    this.event('CREATED', bucket, version);
    return version;
  }

  private event(type: 'CREATED' | 'REMOVED', bucket: FakeBucket, version: StoredVersion, time = version.lastModified): void {
    this.events.unshift({
      type,
      bucket: bucket.name,
      key: version.key,
      versionId: this.versionIdOf(bucket, version),
      size: version.bytes.length,
      etag: version.etag,
      time,
    });
  }

  private list(bucket: FakeBucket, query: URLSearchParams): FakeResponse {
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const limit = Number(query.get('limit') ?? 1000);
    const after = query.get('continuation') ?? '';
    const keys = [...new Set(bucket.versions.map((version) => version.key))]
      .filter((key) => key.startsWith(prefix) && !this.latest(bucket, key)!.deleteMarker)
      .sort();
    const entries: string[] = [];
    for (const key of keys) {
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      const entry = cut >= 0 ? key.slice(0, cut + delimiter.length) : key;
      if (entries.at(-1) !== entry) entries.push(entry);
    }
    const start = after ? entries.findIndex((entry) => entry > after) : 0;
    const page = start < 0 ? [] : entries.slice(start, start + limit);
    const more = start >= 0 && start + limit < entries.length;
    const objects = page
      .filter((entry) => !(delimiter && entry.endsWith(delimiter) && !keys.includes(entry)))
      .map((key) => {
        const latest = this.latest(bucket, key)!;
        return {
          key,
          size: latest.bytes.length,
          etag: latest.etag,
          lastModified: latest.lastModified,
          contentType: latest.contentType,
          encrypted: latest.encrypted,
        };
      });
    const prefixes = page.filter((entry) => delimiter && entry.endsWith(delimiter) && !keys.includes(entry));
    return { status: 200, body: { prefixes, objects, nextContinuation: more ? page.at(-1) : null } };
  }

  private listVersions(bucket: FakeBucket, prefix: string): FakeResponse {
    const keys = [...new Set(bucket.versions.map((version) => version.key))].filter((key) => key.startsWith(prefix)).sort();
    const versions = keys.flatMap((key) => {
      const ofKey = bucket.versions.filter((version) => version.key === key).reverse();
      return ofKey.map((version, index) => ({
        key,
        versionId: version.versionId,
        isLatest: index === 0,
        deleteMarker: version.deleteMarker,
        size: version.bytes.length,
        lastModified: version.lastModified,
        etag: version.etag,
      }));
    });
    return { status: 200, body: { versions } };
  }

  private read(bucket: FakeBucket, key: string, query: URLSearchParams): FakeResponse {
    const versionId = query.get('versionId');
    const version = versionId
      ? bucket.versions.find((candidate) => candidate.key === key && candidate.versionId === versionId)
      : this.latest(bucket, key);
    if (!version || version.deleteMarker) return error(404, 'NoSuchKey', `Cannot find object ${key} in ${bucket.name}`);
    const headers: Record<string, string> = { 'Content-Type': version.contentType, ETag: `"${version.etag}"` };
    if (query.get('download') === '1') headers['Content-Disposition'] = `attachment; filename="${key.split('/').at(-1)}"`;
    return { status: 200, bytes: version.bytes, headers };
  }

  private remove(bucket: FakeBucket, key: string, versionId: string | null): FakeResponse {
    if (versionId) {
      const version = bucket.versions.find((candidate) => candidate.key === key && candidate.versionId === versionId);
      if (!version) return error(404, 'NoSuchVersion', `Cannot find version ${versionId} of ${key}`);
      bucket.versions = bucket.versions.filter((candidate) => candidate !== version);
      this.event('REMOVED', bucket, version, this.now());
      return { status: 204 };
    }
    if (bucket.versioning === 'Unversioned') {
      const removed = bucket.versions.filter((version) => version.key === key);
      bucket.versions = bucket.versions.filter((version) => version.key !== key);
      const time = this.now();
      removed.forEach((version) => this.event('REMOVED', bucket, version, time));
      return { status: 204 };
    }
    const marker: StoredVersion = {
      key,
      versionId: this.nextVersionId(bucket, key),
      deleteMarker: true,
      bytes: new Uint8Array(),
      contentType: '',
      etag: '',
      lastModified: this.now(),
      encrypted: false,
    };
    bucket.versions.push(marker);
    this.event('REMOVED', bucket, marker);
    return { status: 204 };
  }

  private listEvents(query: URLSearchParams): FakeResponse {
    const bucket = query.get('bucket');
    const prefix = query.get('prefix') ?? '';
    const limit = Number(query.get('limit') ?? 100);
    const events = this.events
      .filter((event) => (!bucket || event.bucket === bucket) && event.key.startsWith(prefix))
      .slice(0, limit);
    return { status: 200, body: { events } };
  }

  private async upload(bucket: FakeBucket, request: RecordedRequest, tail: string, query: URLSearchParams) {
    if (!tail && request.method === 'POST') {
      const { key, contentType } = request.body as { key: string; contentType: string };
      const uploadId = `upload-${++this.counter}`;
      this.uploads.set(uploadId, { bucket: bucket.name, key, contentType, parts: new Map() });
      return { status: 201, body: { uploadId } };
    }
    const [uploadId, action, number] = tail.split('/').map(decodeURIComponent);
    const upload = this.uploads.get(uploadId);
    if (!upload) return error(404, 'NoSuchUpload', `Cannot find upload ${uploadId}`);
    if (request.method === 'DELETE') {
      this.uploads.delete(uploadId);
      this.aborted.push(uploadId);
      return { status: 204 };
    }
    if (action === 'parts') {
      const partNumber = Number(number);
      if (query.get('key') !== upload.key) return error(400, 'InvalidArgument', `Cannot store part: wrong key ${query.get('key')}`);
      if (this.partGate) await this.partGate;
      if (this.failingParts.has(partNumber)) return error(500, 'INTERNAL_ERROR', `Cannot store part ${partNumber}: disk full`);
      const bytes = await bodyBytes(request.raw);
      upload.parts.set(partNumber, bytes);
      return { status: 200, body: { partNumber, etag: etagOf(bytes) } };
    }
    return this.complete(bucket, uploadId, upload, request.body as { key: string; parts: { partNumber: number; etag: string }[] });
  }

  private complete(bucket: FakeBucket, uploadId: string, upload: FakeUpload, body: { key: string; parts: { partNumber: number; etag: string }[] }) {
    const chunks: Uint8Array[] = [];
    for (const part of body.parts) {
      const bytes = upload.parts.get(part.partNumber);
      if (!bytes || etagOf(bytes) !== part.etag) return error(400, 'InvalidPart', `Cannot complete upload: part ${part.partNumber} does not match`);
      chunks.push(bytes);
    }
    const all = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
    chunks.reduce((offset, chunk) => (all.set(chunk, offset), offset + chunk.length), 0);
    this.uploads.delete(uploadId);
    const stored = this.store(bucket, upload.key, all, upload.contentType, `${etagOf(all)}-${chunks.length}`);
    return { status: 200, body: { key: upload.key, etag: stored.etag, versionId: this.versionIdOf(bucket, stored) } };
  }
}
