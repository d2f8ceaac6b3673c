import { formatBytes, formatTimestamp } from '../format';
import { useLoadable } from '../loadable';
import { ConfirmButton } from './ConfirmButton';
import type { StorageClient } from './StorageClient';

interface VersionsPanelProps {
  storage: StorageClient;
  bucket: string;
  objectKey: string;
  /** Changes after every change of the bucket, so the versions are listed again. */
  generation: number;
  busy: boolean;
  onDownload: (key: string, versionId: string) => void;
  /** Deletes one version, or the object itself (a delete marker) when versionId is null. */
  onDelete: (key: string, versionId: string | null) => void;
  onClose: () => void;
}

/** Every version of one object, delete markers included, newest first. */
export function VersionsPanel(props: VersionsPanelProps) {
  const { storage, bucket, objectKey, generation, busy, onDownload, onDelete, onClose } = props;
  const [versions] = useLoadable(
    () => storage.versions(bucket, objectKey),
    `${bucket}\u0000${objectKey}\u0000${generation}`,
  );
  return (
    <section className="versions-panel" data-testid="versions-panel" data-key={objectKey}>
      <header className="panel-title">
        <h2>
          Versions of <span className="mono">{objectKey}</span>
        </h2>
        <span className="spacer-flex" />
        <ConfirmButton
          label="Delete object"
          question={`Delete ${objectKey}? In a versioned bucket this adds a delete marker.`}
          testId="versions-delete-object"
          disabled={busy}
          onConfirm={() => onDelete(objectKey, null)}
        />
        <button type="button" className="small-button" onClick={onClose} data-testid="versions-close">
          Close
        </button>
      </header>
      {versions.state === 'loading' && <p className="muted">Loading…</p>}
      {versions.state === 'error' && <p className="error-text">{versions.message}</p>}
      {versions.state === 'ready' && versions.value.length === 0 && (
        <p className="muted" data-testid="versions-empty">
          No versions.
        </p>
      )}
      {versions.state === 'ready' && versions.value.length > 0 && (
        <table className="data-table compact" data-testid="versions-list">
          <thead>
            <tr>
              <th>Version</th>
              <th />
              <th className="numeric">Size</th>
              <th>Last modified</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.value.map((version) => (
              <tr
                key={version.versionId}
                data-testid="version-row"
                data-version-id={version.versionId}
                data-delete-marker={String(version.deleteMarker)}
                data-latest={String(version.isLatest)}
              >
                <td className="mono">{version.versionId}</td>
                <td className="nowrap">
                  {version.isLatest && <span className="badge latest">LATEST</span>}
                  {version.deleteMarker && <span className="badge delete-marker">DELETE MARKER</span>}
                </td>
                <td className="numeric nowrap">{version.deleteMarker ? '–' : formatBytes(version.size)}</td>
                <td className="nowrap">{formatTimestamp(version.lastModified)}</td>
                <td className="actions">
                  {!version.deleteMarker && (
                    <button
                      type="button"
                      className="small-button"
                      onClick={() => onDownload(version.key, version.versionId)}
                      data-testid="version-download"
                    >
                      Download
                    </button>
                  )}
                  <ConfirmButton
                    label="Delete"
                    question={version.deleteMarker ? 'Remove this delete marker?' : 'Delete this version for good?'}
                    testId="version-delete"
                    disabled={busy}
                    onConfirm={() => onDelete(version.key, version.versionId)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
