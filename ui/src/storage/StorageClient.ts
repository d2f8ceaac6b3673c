import type { ApiClient } from '../api/client';
import { encodeKey } from './keys';
import type {
  AccessKey,
  Bucket,
  CreatedAccessKey,
  BucketSettings,
  CompletedPart,
  ObjectListing,
  ObjectVersion,
  PutResult,
  SettingsChange,
  StorageEvent,
  StorageInfo,
} from './types';

const BASE = '/api/v1/storage';

export interface ListOptions {
  prefix: string;
  continuation?: string | null;
  limit?: number;
}

/** Builds a query string from the given parameters, leaving out absent ones. */
function query(parameters: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined) search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function time(value: string): number {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** The latest version first, the others newest first; versions of the same time keep the server's order. */
export function sortVersions(versions: ObjectVersion[]): ObjectVersion[] {
  return [...versions].sort(
    (a, b) => Number(b.isLatest) - Number(a.isLatest) || time(b.lastModified) - time(a.lastModified),
  );
}

function bucketPath(bucket: string): string {
  return `${BASE}/buckets/${encodeURIComponent(bucket)}`;
}

function objectPath(bucket: string, key: string): string {
  return `${bucketPath(bucket)}/objects/${encodeKey(key)}`;
}

/** Typed client of the storage console API, authenticated through the app's ApiClient. */
export class StorageClient {
  constructor(private readonly api: ApiClient) {}

  async buckets(): Promise<Bucket[]> {
    const body = await this.api.requestJson<{ buckets?: Bucket[] }>('GET', `${BASE}/buckets`);
    return body.buckets ?? [];
  }

  async createBucket(name: string): Promise<void> {
    await this.api.request('POST', `${BASE}/buckets`, { json: { name } });
  }

  async deleteBucket(bucket: string): Promise<void> {
    await this.api.request('DELETE', bucketPath(bucket));
  }

  settings(bucket: string): Promise<BucketSettings> {
    return this.api.requestJson('GET', `${bucketPath(bucket)}/settings`);
  }

  updateSettings(bucket: string, change: SettingsChange): Promise<BucketSettings> {
    return this.api.requestJson('PUT', `${bucketPath(bucket)}/settings`, { json: change });
  }

  async list(bucket: string, options: ListOptions): Promise<ObjectListing> {
    const parameters = query({
      prefix: options.prefix,
      delimiter: '/',
      continuation: options.continuation,
      limit: options.limit ?? 200,
    });
    const body = await this.api.requestJson<Partial<ObjectListing>>('GET', `${bucketPath(bucket)}/objects${parameters}`);
    return { prefixes: body.prefixes ?? [], objects: body.objects ?? [], nextContinuation: body.nextContinuation ?? null };
  }

  /** The versions of exactly this key (the API lists by prefix): the latest first, then newest first. */
  async versions(bucket: string, key: string): Promise<ObjectVersion[]> {
    const body = await this.api.requestJson<{ versions?: ObjectVersion[] }>(
      'GET',
      `${bucketPath(bucket)}/versions${query({ prefix: key })}`,
    );
    return sortVersions((body.versions ?? []).filter((version) => version.key === key));
  }

  putObject(bucket: string, key: string, body: Blob, contentType: string, signal?: AbortSignal): Promise<PutResult> {
    return this.api.requestJson('PUT', objectPath(bucket, key), { body, contentType, signal });
  }

  /** The bytes of an object, or of one version of it. */
  async download(bucket: string, key: string, versionId?: string | null): Promise<Blob> {
    const response = await this.api.request('GET', objectPath(bucket, key) + query({ versionId, download: 1 }), {
      accept: '*/*',
    });
    return response.blob();
  }

  /** Deletes an object (a delete marker in a versioned bucket) or, with a versionId, that version. */
  async deleteObject(bucket: string, key: string, versionId?: string | null): Promise<void> {
    await this.api.request('DELETE', objectPath(bucket, key) + query({ versionId }));
  }

  async startUpload(bucket: string, key: string, contentType: string): Promise<string> {
    const body = await this.api.requestJson<{ uploadId: string }>('POST', `${bucketPath(bucket)}/uploads`, {
      json: { key, contentType },
    });
    return body.uploadId;
  }

  uploadPart(
    bucket: string,
    uploadId: string,
    key: string,
    partNumber: number,
    body: Blob,
    signal?: AbortSignal,
  ): Promise<CompletedPart> {
    const path = `${bucketPath(bucket)}/uploads/${encodeURIComponent(uploadId)}/parts/${partNumber}${query({ key })}`;
    return this.api.requestJson('PUT', path, { body, contentType: 'application/octet-stream', signal });
  }

  completeUpload(bucket: string, uploadId: string, key: string, parts: CompletedPart[]): Promise<PutResult> {
    return this.api.requestJson('POST', `${bucketPath(bucket)}/uploads/${encodeURIComponent(uploadId)}/complete`, {
      json: { key, parts },
    });
  }

  async abortUpload(bucket: string, uploadId: string, key: string): Promise<void> {
    await this.api.request('DELETE', `${bucketPath(bucket)}/uploads/${encodeURIComponent(uploadId)}${query({ key })}`);
  }

  async events(bucket: string, limit = 20): Promise<StorageEvent[]> {
    const body = await this.api.requestJson<{ events?: StorageEvent[] }>('GET', `${BASE}/events${query({ bucket, limit })}`);
    return body.events ?? [];
  }

  async accessKeys(): Promise<AccessKey[]> {
    const body = await this.api.requestJson<{ keys?: AccessKey[] }>('GET', `${BASE}/keys`);
    return body.keys ?? [];
  }

  createAccessKey(description: string): Promise<CreatedAccessKey> {
    return this.api.requestJson('POST', `${BASE}/keys`, { json: { description } });
  }

  async deleteAccessKey(accessKey: string): Promise<void> {
    await this.api.request('DELETE', `${BASE}/keys/${encodeURIComponent(accessKey)}`);
  }

  info(): Promise<StorageInfo> {
    return this.api.requestJson('GET', `${BASE}/info`);
  }
}
