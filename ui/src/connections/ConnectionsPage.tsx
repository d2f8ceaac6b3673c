import { useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { ConnectionsApi } from '../api/connections';
import { ConnectionDetail } from './ConnectionDetail';
import { ConnectionList } from './ConnectionList';
import { NewConnection } from './NewConnection';

interface ConnectionsPageProps {
  client: ApiClient;
  /** A connection's name, or "new" for the creation form; none for the list. */
  name?: string;
  pollMillis?: number;
}

/** Connections: the list, a new connection, or one connection with its syncs. */
export function ConnectionsPage({ client, name, pollMillis }: ConnectionsPageProps) {
  const api = useMemo(() => new ConnectionsApi(client), [client]);
  return (
    <section className="data-page connections-page" data-testid="connections-page">
      {!name && <ConnectionList api={api} />}
      {name === 'new' && <NewConnection api={api} />}
      {name && name !== 'new' && <ConnectionDetail key={name} api={api} name={name} pollMillis={pollMillis} />}
    </section>
  );
}
