import { ApiError } from '../api/client';
import type { StorageClient } from './StorageClient';
import type { CompletedPart, PutResult } from './types';

/** Size of one multipart part; files larger than one part are uploaded in parts. */
export const PART_SIZE = 8 * 1024 * 1024;
/** Parts in flight at once. */
export const PART_CONCURRENCY = 2;

export interface PartRange {
  partNumber: number;
  start: number;
  end: number;
}

/** The byte ranges of the parts of a file of `size` bytes, numbered from 1. */
export function partRanges(size: number, partSize = PART_SIZE): PartRange[] {
  if (!Number.isInteger(partSize) || partSize <= 0) {
    throw new Error(`Cannot split a file into parts: the part size must be a positive integer (${partSize})`);
  }
  const ranges: PartRange[] = [];
  for (let start = 0, partNumber = 1; start < size; start += partSize, partNumber++) {
    ranges.push({ partNumber, start, end: Math.min(start + partSize, size) });
  }
  return ranges;
}

export interface UploadOptions {
  /** Called with the bytes stored so far and the total. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  partSize?: number;
  concurrency?: number;
}

function contentTypeOf(file: Blob): string {
  return file.type || 'application/octet-stream';
}

function cancelled(): ApiError {
  return new ApiError(0, 'CANCELLED', 'The upload was cancelled');
}

/**
 * Stores a file under `key`: with one request when it fits in a part, otherwise as a multipart
 * upload that is aborted on the server when a part fails or the upload is cancelled.
 */
export async function uploadFile(
  storage: StorageClient,
  bucket: string,
  key: string,
  file: Blob,
  options: UploadOptions = {},
): Promise<PutResult> {
  const partSize = options.partSize ?? PART_SIZE;
  const progress = options.onProgress ?? (() => {});
  if (options.signal?.aborted) throw cancelled();
  progress(0, file.size);
  if (file.size <= partSize) {
    const result = await storage.putObject(bucket, key, file, contentTypeOf(file), options.signal);
    progress(file.size, file.size);
    return result;
  }
  const uploadId = await storage.startUpload(bucket, key, contentTypeOf(file));
  try {
    const parts = await uploadParts(storage, bucket, uploadId, key, file, partSize, options);
    if (options.signal?.aborted) throw cancelled();
    return await storage.completeUpload(bucket, uploadId, key, parts);
  } catch (cause) {
    try {
      await storage.abortUpload(bucket, uploadId, key);
    } catch {
      // the upload's own failure is the one to report
    }
    throw options.signal?.aborted ? cancelled() : cause;
  }
}

async function uploadParts(
  storage: StorageClient,
  bucket: string,
  uploadId: string,
  key: string,
  file: Blob,
  partSize: number,
  options: UploadOptions,
): Promise<CompletedPart[]> {
  const ranges = partRanges(file.size, partSize);
  const completed: CompletedPart[] = [];
  let loaded = 0;
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < ranges.length && !failed) {
      if (options.signal?.aborted) throw cancelled();
      const range = ranges[next++];
      try {
        const slice = file.slice(range.start, range.end);
        const part = await storage.uploadPart(bucket, uploadId, key, range.partNumber, slice, options.signal);
        completed.push({ partNumber: range.partNumber, etag: part.etag });
      } catch (cause) {
        failed = true;
        throw cause;
      }
      loaded += range.end - range.start;
      options.onProgress?.(loaded, file.size);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? PART_CONCURRENCY, ranges.length));
  const results = await Promise.allSettled(Array.from({ length: workers }, worker));
  const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected) throw rejected.reason;
  return completed.sort((a, b) => a.partNumber - b.partNumber);
}
