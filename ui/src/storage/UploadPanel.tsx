import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ApiError } from '../api/client';
import { formatBytes } from '../format';
import { errorMessage } from '../loadable';
import type { StorageClient } from './StorageClient';
import { PART_SIZE, uploadFile } from './upload';

type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled';

interface UploadItem {
  id: number;
  key: string;
  loaded: number;
  total: number;
  status: UploadStatus;
  message: string;
  multipart: boolean;
}

interface UploadPanelProps {
  storage: StorageClient;
  bucket: string;
  prefix: string;
  /** Called after each stored file. */
  onUploaded: () => void;
  partSize?: number;
}

let nextUploadId = 1;

/** Picks files and stores them under the current folder, one after the other, with progress. */
export function UploadPanel({ storage, bucket, prefix, onUploaded, partSize = PART_SIZE }: UploadPanelProps) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const controllers = useRef(new Map<number, AbortController>());
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    const running = controllers.current;
    return () => {
      mounted.current = false;
      running.forEach((controller) => controller.abort());
    };
  }, []);

  const update = (id: number, change: Partial<UploadItem>) => {
    if (mounted.current) setItems((previous) => previous.map((item) => (item.id === id ? { ...item, ...change } : item)));
  };

  const uploadAll = async (files: File[]) => {
    const queued = files.map((file) => ({
      file,
      item: {
        id: nextUploadId++,
        key: prefix + file.name,
        loaded: 0,
        total: file.size,
        status: 'waiting' as UploadStatus,
        message: '',
        multipart: file.size > partSize,
      },
    }));
    queued.forEach(({ item }) => controllers.current.set(item.id, new AbortController()));
    setItems((previous) => [...queued.map(({ item }) => item), ...previous.filter((item) => item.status !== 'done')]);
    for (const { file, item } of queued) {
      const controller = controllers.current.get(item.id);
      if (!controller || controller.signal.aborted) continue;
      update(item.id, { status: 'uploading' });
      try {
        await uploadFile(storage, bucket, item.key, file, {
          partSize,
          signal: controller.signal,
          onProgress: (loaded) => update(item.id, { loaded }),
        });
        update(item.id, { status: 'done', loaded: file.size });
        onUploaded();
      } catch (cause) {
        const wasCancelled = cause instanceof ApiError && cause.code === 'CANCELLED';
        update(item.id, { status: wasCancelled ? 'cancelled' : 'failed', message: errorMessage(cause) });
      } finally {
        controllers.current.delete(item.id);
      }
    }
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // Choosing the same file again must start another upload.
    event.target.value = '';
    if (files.length > 0) void uploadAll(files);
  };

  const cancel = (id: number) => {
    const controller = controllers.current.get(id);
    if (!controller) return;
    controller.abort();
    setItems((previous) =>
      previous.map((item) => (item.id === id && item.status === 'waiting' ? { ...item, status: 'cancelled', message: 'The upload was cancelled' } : item)),
    );
  };

  return (
    <div className="upload-panel">
      <label className="upload-button">
        <input type="file" multiple onChange={choose} data-testid="upload-input" />
        <span>Upload files</span>
      </label>
      {items.length > 0 && (
        <ul className="upload-list" data-testid="upload-list">
          {items.map((item) => (
            <li key={item.id} data-testid="upload-item" data-key={item.key} data-status={item.status}>
              <span className="mono upload-key">{item.key}</span>
              <progress max={Math.max(item.total, 1)} value={item.total === 0 && item.status === 'done' ? 1 : item.loaded} data-testid="upload-progress" />
              <span className="muted nowrap" data-testid="upload-status">
                {statusText(item)}
              </span>
              {(item.status === 'waiting' || item.status === 'uploading') && (
                <button type="button" className="small-button" onClick={() => cancel(item.id)} data-testid="upload-cancel">
                  Cancel
                </button>
              )}
              {item.status === 'failed' && <span className="error-text upload-error">{item.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function statusText(item: UploadItem): string {
  const size = `${formatBytes(item.loaded)} / ${formatBytes(item.total)}`;
  const parts = item.multipart ? ' · multipart' : '';
  switch (item.status) {
    case 'waiting':
      return `Waiting${parts}`;
    case 'uploading':
      return `${size}${parts}`;
    case 'done':
      return `Stored ${formatBytes(item.total)}${parts}`;
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
  }
}
