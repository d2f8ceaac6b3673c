import type { DiscoveredStream, SyncModeName } from '../api/connections';
import { MODE_LABELS, needsCursor, needsPrimaryKey, type StreamChoice } from './streams';

interface StreamPickerProps {
  streams: DiscoveredStream[];
  choices: StreamChoice[];
  errors: Record<string, string>;
  onChange: (choices: StreamChoice[]) => void;
}

/** The discovered streams: take or leave each, with its sync mode, cursor and primary key. */
export function StreamPicker({ streams, choices, errors, onChange }: StreamPickerProps) {
  const update = (name: string, change: Partial<StreamChoice>) =>
    onChange(choices.map((choice) => (choice.name === name ? { ...choice, ...change } : choice)));
  return (
    <table className="data-table stream-table" data-testid="stream-list">
      <thead>
        <tr>
          <th>
            <input
              type="checkbox"
              aria-label="Select all streams"
              data-testid="stream-select-all"
              checked={choices.length > 0 && choices.every((c) => c.selected)}
              onChange={(e) => onChange(choices.map((choice) => ({ ...choice, selected: e.target.checked })))}
            />
          </th>
          <th>Stream</th>
          <th>Columns</th>
          <th>Sync mode</th>
          <th>Cursor</th>
          <th>Primary key</th>
        </tr>
      </thead>
      <tbody>
        {streams.map((stream) => {
          const choice = choices.find((c) => c.name === stream.name)!;
          const modes = stream.syncModes.length ? stream.syncModes : (['full_refresh_overwrite'] as SyncModeName[]);
          return (
            <tr key={stream.name} data-testid="stream-row" data-stream={stream.name}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Take ${stream.name}`}
                  data-testid="stream-select"
                  checked={choice.selected}
                  onChange={(e) => update(stream.name, { selected: e.target.checked })}
                />
              </td>
              <td className="mono">
                {stream.name}
                {errors[stream.name] && (
                  <div className="field-error" data-testid="stream-error">
                    {errors[stream.name]}
                  </div>
                )}
              </td>
              <td className="muted">{stream.columns.length}</td>
              <td>
                <select data-testid="stream-mode" value={choice.mode} onChange={(e) => update(stream.name, { mode: e.target.value as SyncModeName })}>
                  {modes.map((mode) => (
                    <option key={mode} value={mode}>
                      {MODE_LABELS[mode] ?? mode}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {needsCursor(choice.mode) && (
                  <select data-testid="stream-cursor" value={choice.cursor} onChange={(e) => update(stream.name, { cursor: e.target.value })}>
                    <option value="">(choose)</option>
                    {(stream.cursorCandidates.length ? stream.cursorCandidates : stream.columns.map((c) => c.name)).map((column) => (
                      <option key={column} value={column}>
                        {column}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td>
                {needsPrimaryKey(choice.mode) && (
                  <input
                    data-testid="stream-primary-key"
                    defaultValue={choice.primaryKey.join(', ')}
                    placeholder="id, …"
                    onChange={(e) =>
                      update(stream.name, {
                        primaryKey: e.target.value.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
                      })
                    }
                  />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
