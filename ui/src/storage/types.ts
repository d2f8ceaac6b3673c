// Wire types of the storage console API (/api/v1/storage). Field names follow the JSON exactly.

export type Versioning = 'Unversioned' | 'Enabled' | 'Suspended';
export type Encryption = 'NONE' | 'AES256';

export interface Bucket {
  name: string;
  createdAt: string;
  versioning: Versioning;
  encryption: Encryption;
}

export interface BucketSettings {
  versioning: Versioning;
  encryption: Encryption;
}

/** A change of settings: only the given fields change. Versioning cannot go back to Unversioned. */
export interface SettingsChange {
  versioning?: 'Enabled' | 'Suspended';
  encryption?: Encryption;
}

export interface StoredObject {
  key: string;
  size: number;
  etag: string;
  lastModified: string;
  contentType: string;
  encrypted: boolean;
}

export interface ObjectListing {
  prefixes: string[];
  objects: StoredObject[];
  nextContinuation: string | null;
}

export interface ObjectVersion {
  key: string;
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
  size: number;
  lastModified: string;
  etag: string;
}

export interface PutResult {
  key: string;
  etag: string;
  versionId: string | null;
  size?: number;
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

export type StorageEventType = 'CREATED' | 'REMOVED';

export interface StorageEvent {
  type: StorageEventType;
  bucket: string;
  key: string;
  versionId: string | null;
  size: number;
  etag: string;
  time: string;
}

export interface StorageInfo {
  endpoint: string;
  region: string;
}

export interface AccessKey {
  accessKey: string;
  owner: string;
  createdAt: string;
  description: string;
}

/** A new key: the secret is shown only in this answer. */
export interface CreatedAccessKey {
  accessKey: string;
  secretKey: string;
  createdAt: string;
}
