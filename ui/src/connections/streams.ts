// Choosing streams of a discovered source: a sync mode per stream, with cursor and key where
// the mode needs them.
import type { ConnectionStream, DiscoveredStream, SyncModeName } from '../api/connections';

export interface StreamChoice {
  name: string;
  selected: boolean;
  mode: SyncModeName;
  cursor: string;
  primaryKey: string[];
}

export const MODE_LABELS: Record<SyncModeName, string> = {
  full_refresh_overwrite: 'Full refresh | Overwrite',
  full_refresh_append: 'Full refresh | Append',
  incremental_append: 'Incremental | Append',
  incremental_dedup: 'Incremental | Deduplicated',
  cdc: 'Change data capture',
};

export function needsCursor(mode: SyncModeName): boolean {
  return mode === 'incremental_append' || mode === 'incremental_dedup';
}

export function needsPrimaryKey(mode: SyncModeName): boolean {
  return mode === 'incremental_dedup' || mode === 'cdc';
}

/** The best mode a stream offers: deduplicated when it has a key and a cursor, else a full refresh. */
function defaultMode(stream: DiscoveredStream): SyncModeName {
  const modes = stream.syncModes;
  const cursor = stream.defaultCursor ?? stream.cursorCandidates[0];
  if (cursor && stream.primaryKey.length > 0 && modes.includes('incremental_dedup')) return 'incremental_dedup';
  if (modes.includes('full_refresh_overwrite') || modes.length === 0) return 'full_refresh_overwrite';
  return modes[0];
}

/** Choices for freshly discovered streams, none selected; a saved connection's streams keep their settings. */
export function initialChoices(streams: DiscoveredStream[], saved: ConnectionStream[] = []): StreamChoice[] {
  const byName = new Map(saved.map((stream) => [stream.name, stream]));
  return streams.map((stream) => {
    const kept = byName.get(stream.name);
    if (kept) {
      return {
        name: stream.name,
        selected: true,
        mode: kept.mode,
        cursor: kept.cursor ?? '',
        primaryKey: kept.primary_key ?? stream.primaryKey,
      };
    }
    return {
      name: stream.name,
      selected: false,
      mode: defaultMode(stream),
      cursor: stream.defaultCursor ?? stream.cursorCandidates[0] ?? '',
      primaryKey: stream.primaryKey,
    };
  });
}

export interface StreamsResult {
  streams: ConnectionStream[];
  errors: Record<string, string>;
}

/** The selected streams as the connection lists them, or what is missing per stream. */
export function streamsFromChoices(choices: StreamChoice[]): StreamsResult {
  const streams: ConnectionStream[] = [];
  const errors: Record<string, string> = {};
  for (const choice of choices.filter((c) => c.selected)) {
    if (needsCursor(choice.mode) && !choice.cursor) {
      errors[choice.name] = `${MODE_LABELS[choice.mode]} needs a cursor column`;
      continue;
    }
    if (needsPrimaryKey(choice.mode) && choice.primaryKey.length === 0) {
      errors[choice.name] = `${MODE_LABELS[choice.mode]} needs a primary key`;
      continue;
    }
    const stream: ConnectionStream = { name: choice.name, mode: choice.mode };
    if (needsCursor(choice.mode)) stream.cursor = choice.cursor;
    if (needsPrimaryKey(choice.mode)) stream.primary_key = choice.primaryKey;
    streams.push(stream);
  }
  if (streams.length === 0 && Object.keys(errors).length === 0) errors[''] = 'Choose at least one stream';
  return { streams, errors };
}
