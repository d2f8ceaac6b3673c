import { useEffect, useMemo, useState } from 'react';
import type { CheckResult, ConnectionsApi, ConnectorInfo, DiscoveredStream } from '../api/connections';
import { useLoadable } from '../loadable';
import { navigate } from '../router';
import { PageError } from './common';
import { SpecForm } from './SpecForm';
import { initialValues, settingsFromValues, specFields, type FormValues } from './specForm';
import { StreamPicker } from './StreamPicker';
import { initialChoices, streamsFromChoices, type StreamChoice } from './streams';

const NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** Creates a connection: connector, settings from its spec, check, discover, streams, save. */
export function NewConnection({ api }: { api: ConnectionsApi }) {
  const [connectors] = useLoadable(() => api.connectors(), 'connectors');
  const [type, setType] = useState('');
  const [name, setName] = useState('');
  const [namespace, setNamespace] = useState('raw');
  const [schedule, setSchedule] = useState('');
  const [values, setValues] = useState<FormValues>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [streams, setStreams] = useState<DiscoveredStream[] | null>(null);
  const [choices, setChoices] = useState<StreamChoice[]>([]);
  const [streamErrors, setStreamErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const list = connectors.state === 'ready' ? connectors.value : [];
  const connector: ConnectorInfo | undefined = list.find((c) => c.type === type);
  const fields = useMemo(() => (connector ? specFields(connector.spec) : []), [connector]);

  useEffect(() => {
    if (!type && list.length > 0) setType(list[0].type);
  }, [list, type]);

  useEffect(() => {
    setValues(initialValues(fields));
    setFieldErrors({});
    setCheck(null);
    setStreams(null);
  }, [fields]);

  const settings = () => {
    const result = settingsFromValues(fields, values);
    setFieldErrors(result.errors);
    return Object.keys(result.errors).length === 0 ? result.settings : null;
  };

  const act = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  const runCheck = () => {
    const source = settings();
    if (source) void act('check', async () => setCheck(await api.checkSettings(type, source)));
  };

  const discover = () => {
    const source = settings();
    if (!source) return;
    void act('discover', async () => {
      const found = await api.discoverSettings(type, source);
      setStreams(found);
      setChoices(initialChoices(found));
      setStreamErrors({});
    });
  };

  const save = () => {
    const source = settings();
    if (!source) return;
    if (!NAME.test(name)) {
      setError(new Error('The name starts with a lower-case letter and holds only a-z, 0-9, - and _'));
      return;
    }
    const chosen = streamsFromChoices(choices);
    setStreamErrors(chosen.errors);
    if (Object.keys(chosen.errors).length > 0) return;
    void act('save', async () => {
      await api.save({
        name,
        source: { type, ...source },
        destination: { namespace: namespace || 'raw' },
        streams: chosen.streams,
        ...(schedule.trim() ? { schedule: schedule.trim() } : {}),
      });
      navigate({ page: 'connections', name });
    });
  };

  if (connectors.state === 'loading') return <p className="muted">Loading connectors…</p>;
  if (connectors.state === 'error') return <PageError error={connectors.message} testId="connection-error" />;

  return (
    <div className="new-connection" data-testid="new-connection">
      <h2>New connection</h2>
      <div className="form-row">
        <label htmlFor="connector-select">Source type</label>
        <select id="connector-select" data-testid="connector-select" value={type} onChange={(e) => setType(e.target.value)}>
          {list.map((c) => (
            <option key={c.type} value={c.type}>
              {c.title} ({c.type})
            </option>
          ))}
        </select>
        {connector?.documentation && <span className="hint">{connector.documentation}</span>}
      </div>
      <div className="form-row">
        <label htmlFor="connection-name">Name</label>
        <input id="connection-name" data-testid="connection-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="shop" />
      </div>
      <SpecForm fields={fields} values={values} errors={fieldErrors} onChange={(path, text) => setValues((v) => ({ ...v, [path]: text }))} />
      <div className="toolbar">
        <button type="button" data-testid="connection-check" disabled={!!busy} onClick={runCheck}>
          {busy === 'check' ? 'Testing…' : 'Test source'}
        </button>
        <button type="button" data-testid="connection-discover" disabled={!!busy} onClick={discover}>
          {busy === 'discover' ? 'Discovering…' : 'Discover streams'}
        </button>
        {check && (
          <span className={check.success ? 'check-ok' : 'check-failed'} data-testid="check-result" data-success={String(check.success)}>
            {check.success ? '✓ ' : '✗ '}
            {check.message || (check.success ? 'The source answers' : 'The source does not answer')}
          </span>
        )}
      </div>
      {error != null && <PageError error={error} testId="connection-error" onDismiss={() => setError(null)} />}
      {streams && (
        <>
          <h3>Streams</h3>
          {streams.length === 0 ? (
            <p className="muted">The source offers no streams.</p>
          ) : (
            <StreamPicker streams={streams} choices={choices} errors={streamErrors} onChange={setChoices} />
          )}
          {streamErrors[''] && <p className="field-error" data-testid="stream-error">{streamErrors['']}</p>}
          <div className="form-row">
            <label htmlFor="connection-namespace">Destination namespace</label>
            <input id="connection-namespace" data-testid="connection-namespace" value={namespace} onChange={(e) => setNamespace(e.target.value)} />
          </div>
          <div className="form-row">
            <label htmlFor="connection-schedule">Schedule (cron, optional)</label>
            <input id="connection-schedule" data-testid="connection-schedule" value={schedule} placeholder="*/15 * * * *" onChange={(e) => setSchedule(e.target.value)} />
          </div>
          <div className="toolbar">
            <button type="button" className="primary" data-testid="connection-save" disabled={!!busy} onClick={save}>
              {busy === 'save' ? 'Saving…' : 'Save connection'}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
