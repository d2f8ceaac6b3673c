import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { BucketList } from './BucketList';
import { BucketSidebar } from './BucketSidebar';
import { saveBlob } from './download';
import { ErrorNotice } from './ErrorNotice';
import { baseName } from './keys';
import { ObjectBrowser } from './ObjectBrowser';
import { StorageClient } from './StorageClient';
import { UploadPanel } from './UploadPanel';
import { useListing } from './useListing';
import { VersionsPanel } from './VersionsPanel';
import { ConfirmButton } from './ConfirmButton';
import { navigate } from '../router';

export const PAGE_SIZE = 200;

interface StoragePageProps {
  client: ApiClient;
  bucket?: string;
  prefix: string;
  /** Objects per listing request. */
  pageSize?: number;
  /** Size of multipart parts. */
  partSize?: number;
  /** Hands downloaded bytes to the user; the browser's download by default. */
  save?: (blob: Blob, fileName: string) => void;
}

/** The storage console: buckets, or one folder of a bucket with its settings and events. */
export function StoragePage({ client, bucket, prefix, pageSize = PAGE_SIZE, partSize, save = saveBlob }: StoragePageProps) {
  const storage = useMemo(() => new StorageClient(client), [client]);
  return (
    <section className="storage-page" data-testid="storage-page">
      {bucket ? (
        <BucketView
          key={bucket}
          storage={storage}
          bucket={bucket}
          prefix={prefix}
          pageSize={pageSize}
          partSize={partSize}
          save={save}
        />
      ) : (
        <BucketList storage={storage} />
      )}
    </section>
  );
}

interface BucketViewProps {
  storage: StorageClient;
  bucket: string;
  prefix: string;
  pageSize: number;
  partSize?: number;
  save: (blob: Blob, fileName: string) => void;
}

function BucketView({ storage, bucket, prefix, pageSize, partSize, save }: BucketViewProps) {
  // Bumped after every change to the bucket: the listing, versions and events load again.
  const [generation, setGeneration] = useState(0);
  const [listing, loadMore] = useListing(storage, bucket, prefix, pageSize, generation);
  const [versionsKey, setVersionsKey] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const changed = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => setVersionsKey(null), [prefix]);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const download = (key: string, versionId?: string) =>
    void act(async () => save(await storage.download(bucket, key, versionId), baseName(key)));

  const remove = (key: string, versionId: string | null) =>
    void act(async () => {
      await storage.deleteObject(bucket, key, versionId);
      changed();
    });

  const deleteBucket = () =>
    void act(async () => {
      await storage.deleteBucket(bucket);
      navigate({ page: 'storage', prefix: '' });
    });

  return (
    <div className="bucket-view" data-testid="bucket-view" data-bucket={bucket}>
      <div className="storage-main">
        <div className="storage-heading">
          <h1>{bucket}</h1>
          <span className="spacer-flex" />
          <UploadPanel storage={storage} bucket={bucket} prefix={prefix} onUploaded={changed} partSize={partSize} />
          <button type="button" onClick={changed} data-testid="storage-refresh">
            Refresh
          </button>
          <ConfirmButton
            label="Delete bucket"
            question={`Delete bucket ${bucket}?`}
            testId="bucket-view-delete"
            disabled={busy}
            onConfirm={deleteBucket}
          />
        </div>
        {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
        {versionsKey && (
          <VersionsPanel
            storage={storage}
            bucket={bucket}
            objectKey={versionsKey}
            generation={generation}
            busy={busy}
            onDownload={download}
            onDelete={remove}
            onClose={() => setVersionsKey(null)}
          />
        )}
        <ObjectBrowser
          bucket={bucket}
          prefix={prefix}
          listing={listing}
          busy={busy}
          onLoadMore={loadMore}
          onDownload={download}
          onVersions={setVersionsKey}
          onDelete={(key) => remove(key, null)}
        />
      </div>
      <BucketSidebar storage={storage} bucket={bucket} generation={generation} onError={setError} />
    </div>
  );
}
