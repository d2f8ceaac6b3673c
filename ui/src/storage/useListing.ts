import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../loadable';
import type { StorageClient } from './StorageClient';
import type { StoredObject } from './types';

export interface Listing {
  state: 'loading' | 'error' | 'ready';
  message: string;
  prefixes: string[];
  objects: StoredObject[];
  nextContinuation: string | null;
  loadingMore: boolean;
}

const LOADING: Listing = { state: 'loading', message: '', prefixes: [], objects: [], nextContinuation: null, loadingMore: false };

/**
 * The first page of a folder, loaded again when `generation` changes; `loadMore` appends the next
 * page while the server reports one.
 */
export function useListing(
  storage: StorageClient,
  bucket: string,
  prefix: string,
  pageSize: number,
  generation: number,
): [Listing, () => void] {
  const [listing, setListing] = useState<Listing>(LOADING);

  useEffect(() => {
    let current = true;
    setListing(LOADING);
    storage.list(bucket, { prefix, limit: pageSize }).then(
      (page) => current && setListing({ ...LOADING, state: 'ready', ...page }),
      (cause: unknown) => current && setListing({ ...LOADING, state: 'error', message: errorMessage(cause) }),
    );
    return () => {
      current = false;
    };
  }, [storage, bucket, prefix, pageSize, generation]);

  const continuation = listing.nextContinuation;
  const loadMore = useCallback(() => {
    if (!continuation) return;
    setListing((previous) => ({ ...previous, loadingMore: true }));
    storage.list(bucket, { prefix, limit: pageSize, continuation }).then(
      (page) =>
        setListing((previous) =>
          previous.nextContinuation !== continuation
            ? previous
            : {
                ...previous,
                prefixes: [...previous.prefixes, ...page.prefixes.filter((p) => !previous.prefixes.includes(p))],
                objects: [...previous.objects, ...page.objects],
                nextContinuation: page.nextContinuation,
                loadingMore: false,
              },
        ),
      (cause: unknown) =>
        setListing((previous) => ({ ...previous, loadingMore: false, message: errorMessage(cause) })),
    );
  }, [storage, bucket, prefix, pageSize, continuation]);

  return [listing, loadMore];
}
