import { useState } from 'react';
import type { JobSchedule, OrchestrationApi, Sensor } from '../api/orchestration';
import { formatTimestamp } from '../format';
import { PageError } from '../connections/common';

interface TriggersViewProps {
  api: OrchestrationApi;
  schedules: JobSchedule[];
  sensors: Sensor[];
  onChanged: () => void;
}

/** Schedules and sensors, each with an on/off toggle. */
export function TriggersView({ api, schedules, sensors, onChanged }: TriggersViewProps) {
  const [error, setError] = useState<unknown>(null);
  const toggle = (action: Promise<void>) => action.then(onChanged, setError);
  return (
    <div>
      {error != null && <PageError error={error} testId="orchestration-error" onDismiss={() => setError(null)} />}
      <h3>Schedules</h3>
      <table className="data-table" data-testid="schedule-list">
        <thead><tr><th>Job</th><th>Cron</th><th>Time zone</th><th>Next tick</th><th>Enabled</th></tr></thead>
        <tbody>
          {schedules.map((schedule) => (
            <tr key={schedule.job} data-testid="schedule-row" data-job={schedule.job} data-enabled={String(schedule.enabled)}>
              <td className="mono">{schedule.job}</td>
              <td className="mono">{schedule.cron}</td>
              <td>{schedule.timezone}</td>
              <td>{schedule.enabled ? formatTimestamp(schedule.nextTick) : '–'}</td>
              <td>
                <input type="checkbox" role="switch" data-testid="schedule-toggle" aria-label={`Schedule of ${schedule.job}`}
                  checked={schedule.enabled} onChange={(e) => toggle(api.setScheduleEnabled(schedule.job!, e.target.checked))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {schedules.length === 0 && <p className="muted">No job has a schedule.</p>}
      <h3>Sensors</h3>
      <table className="data-table" data-testid="sensor-list">
        <thead><tr><th>Sensor</th><th>Job</th><th>Watches</th><th>Enabled</th></tr></thead>
        <tbody>
          {sensors.map((sensor) => (
            <tr key={sensor.name} data-testid="sensor-row" data-sensor={sensor.name} data-enabled={String(sensor.enabled)}>
              <td className="mono">{sensor.name}</td>
              <td className="mono">{sensor.job}</td>
              <td>{sensor.description}</td>
              <td>
                <input type="checkbox" role="switch" data-testid="sensor-toggle" aria-label={`Sensor ${sensor.name}`}
                  checked={sensor.enabled} onChange={(e) => toggle(api.setSensorEnabled(sensor.name, e.target.checked))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sensors.length === 0 && <p className="muted">No sensors.</p>}
    </div>
  );
}
