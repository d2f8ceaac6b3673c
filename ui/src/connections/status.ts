import type { SyncStatus } from '../api/connections';

export type Tone = 'ok' | 'bad' | 'busy' | 'idle' | 'warn';

/** The colour of a status badge; unknown statuses are neutral. */
export function syncTone(status: SyncStatus | string | null | undefined): Tone {
  switch (status) {
    case 'SUCCEEDED':
      return 'ok';
    case 'FAILED':
      return 'bad';
    case 'RUNNING':
    case 'QUEUED':
      return 'busy';
    case 'CANCELLED':
    case 'CANCELED':
      return 'warn';
    default:
      return 'idle';
  }
}

/** Syncs end CANCELLED, orchestrator runs CANCELED: both are final. */
export function isFinished(status: SyncStatus | string): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED' || status === 'CANCELED';
}

export function statusLabel(status: string | null | undefined): string {
  if (!status) return 'never run';
  return status.charAt(0) + status.slice(1).toLowerCase();
}
