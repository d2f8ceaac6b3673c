import { useState, type FormEvent } from 'react';
import { formatBytes, formatTimestamp } from '../format';
import { navigate, routeHash } from '../router';
import { ConfirmButton } from './ConfirmButton';
import { breadcrumbs, childPrefix, relativeName } from './keys';
import type { Listing } from './useListing';

interface ObjectBrowserProps {
  bucket: string;
  prefix: string;
  listing: Listing;
  onLoadMore: () => void;
  onDownload: (key: string) => void;
  onVersions: (key: string) => void;
  onDelete: (key: string) => void;
  busy: boolean;
}

/** Breadcrumbs and one folder of a bucket: its sub-folders first, then its objects. */
export function ObjectBrowser(props: ObjectBrowserProps) {
  const { bucket, prefix, listing } = props;
  return (
    <div className="object-browser">
      <div className="browser-bar">
        <Breadcrumbs bucket={bucket} prefix={prefix} />
        <span className="spacer-flex" />
        <NewFolder bucket={bucket} prefix={prefix} />
      </div>
      {listing.state === 'loading' && <div className="placeholder">Loading…</div>}
      {listing.state === 'error' && (
        <div className="error-panel" role="alert" data-testid="listing-error">
          <pre className="error-message">{listing.message}</pre>
        </div>
      )}
      {listing.state === 'ready' && <ObjectTable {...props} />}
    </div>
  );
}

function Breadcrumbs({ bucket, prefix }: { bucket: string; prefix: string }) {
  return (
    <nav className="breadcrumbs" data-testid="breadcrumbs" aria-label="Folder">
      <a href={routeHash({ page: 'storage', prefix: '' })} data-testid="breadcrumb">
        Buckets
      </a>
      <span className="separator">/</span>
      <a href={routeHash({ page: 'storage', bucket, prefix: '' })} data-testid="breadcrumb">
        {bucket}
      </a>
      {breadcrumbs(prefix).map((crumb) => (
        <span key={crumb.prefix} className="crumb">
          <span className="separator">/</span>
          <a href={routeHash({ page: 'storage', bucket, prefix: crumb.prefix })} data-testid="breadcrumb">
            {crumb.label}
          </a>
        </span>
      ))}
    </nav>
  );
}

/** Opens a folder below this one; it exists on the server once an object is stored under it. */
function NewFolder({ bucket, prefix }: { bucket: string; prefix: string }) {
  const [name, setName] = useState('');
  const open = (event: FormEvent) => {
    event.preventDefault();
    const next = childPrefix(prefix, name);
    if (!next) return;
    setName('');
    navigate({ page: 'storage', bucket, prefix: next });
  };
  return (
    <form className="inline-form" onSubmit={open}>
      <input
        placeholder="folder name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        data-testid="folder-name"
        aria-label="Folder name"
      />
      <button type="submit" disabled={!childPrefix(prefix, name)} data-testid="folder-open">
        Open folder
      </button>
    </form>
  );
}

function ObjectTable({ bucket, prefix, listing, onLoadMore, onDownload, onVersions, onDelete, busy }: ObjectBrowserProps) {
  if (listing.prefixes.length === 0 && listing.objects.length === 0) {
    return (
      <div className="placeholder" data-testid="object-list">
        {prefix ? 'This folder is empty. Upload files to store them here.' : 'This bucket is empty.'}
      </div>
    );
  }
  return (
    <>
      <table className="data-table object-table" data-testid="object-list">
        <thead>
          <tr>
            <th>Name</th>
            <th className="numeric">Size</th>
            <th>Last modified</th>
            <th>Type</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {listing.prefixes.map((folder) => (
            <tr key={`prefix:${folder}`} data-testid="storage-folder" data-prefix={folder}>
              <td colSpan={5}>
                <a href={routeHash({ page: 'storage', bucket, prefix: folder })} className="folder-link">
                  <span className="folder-icon" aria-hidden="true">
                    ▸
                  </span>
                  {relativeName(folder, prefix)}
                </a>
              </td>
            </tr>
          ))}
          {listing.objects.map((object) => (
            <tr key={`object:${object.key}`} data-testid="storage-object" data-key={object.key}>
              <td className="mono object-name-cell">
                {relativeName(object.key, prefix)}
                {object.encrypted && (
                  <span className="badge encrypted" title="Encrypted at rest (AES256)">
                    AES256
                  </span>
                )}
              </td>
              <td className="numeric nowrap">{formatBytes(object.size)}</td>
              <td className="nowrap">{formatTimestamp(object.lastModified)}</td>
              <td className="muted">{object.contentType}</td>
              <td className="actions">
                <button
                  type="button"
                  className="small-button"
                  onClick={() => onDownload(object.key)}
                  data-testid="object-download"
                >
                  Download
                </button>
                <button
                  type="button"
                  className="small-button"
                  onClick={() => onVersions(object.key)}
                  data-testid="object-versions"
                >
                  Versions
                </button>
                <ConfirmButton
                  label="Delete"
                  question={`Delete ${relativeName(object.key, prefix)}?`}
                  testId="object-delete"
                  disabled={busy}
                  onConfirm={() => onDelete(object.key)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {listing.message && <p className="error-text">{listing.message}</p>}
      {listing.nextContinuation && (
        <button type="button" className="load-more" onClick={onLoadMore} disabled={listing.loadingMore} data-testid="load-more">
          {listing.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}
