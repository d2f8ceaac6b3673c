import { useState } from 'react';
import { useLoadable } from '../loadable';
import { cliHint } from './keys';
import type { StorageClient } from './StorageClient';

/** The S3 endpoint of the store with a command to copy for the AWS CLI. */
export function EndpointHint({ storage }: { storage: StorageClient }) {
  const [info] = useLoadable(() => storage.info(), 'storage-info');
  const [copied, setCopied] = useState<boolean | null>(null);
  if (info.state === 'loading') return null;
  if (info.state === 'error') {
    return <p className="error-text endpoint-hint">Cannot show the S3 endpoint: {info.message}</p>;
  }
  const command = cliHint(info.value.endpoint);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="endpoint-hint" data-testid="storage-endpoint">
      <span className="muted">S3 endpoint</span>
      <span className="mono" data-testid="storage-endpoint-url">
        {info.value.endpoint}
      </span>
      <span className="muted">region</span>
      <span className="mono">{info.value.region}</span>
      <code className="cli-hint" data-testid="storage-cli-hint">
        {command}
      </code>
      <button type="button" className="small-button" onClick={copy} data-testid="copy-cli-hint">
        Copy
      </button>
      {copied === true && <span className="muted">Copied</span>}
      {copied === false && <span className="muted">Select the command and copy it</span>}
    </div>
  );
}
