import { useEffect, useMemo, useState } from 'react';
import { ApiClient, type Session } from './api/client';
import { CatalogCache } from './catalog/CatalogCache';
import { LoginPage } from './auth/LoginPage';
import { CatalogPage } from './catalog/CatalogPage';
import { HistoryPage } from './history/HistoryPage';
import { navigate, useRoute } from './router';
import { StoragePage } from './storage/StoragePage';
import { ConnectionsPage } from './connections/ConnectionsPage';
import { TransformPage } from './transform/TransformPage';
import { OrchestrationPage } from './orchestration/OrchestrationPage';
import { INITIAL_WORKSPACE, SqlWorkspace, type WorkspaceState } from './sql/SqlWorkspace';

interface AppProps {
  client?: ApiClient;
}

const DRAFT_KEY = 'dp.editor.sql';

const NAV_ITEMS = [
  { page: 'sql', label: 'SQL', testId: 'nav-sql' },
  { page: 'catalog', label: 'Catalog', testId: 'nav-catalog' },
  { page: 'history', label: 'History', testId: 'nav-history' },
  { page: 'storage', label: 'Storage', testId: 'nav-storage' },
  { page: 'connections', label: 'Connections', testId: 'nav-connections' },
  { page: 'transform', label: 'Transform', testId: 'nav-transform' },
  { page: 'orchestration', label: 'Orchestration', testId: 'nav-orchestration' },
] as const;

export function App({ client: givenClient }: AppProps) {
  const client = useMemo(() => givenClient ?? new ApiClient(), [givenClient]);
  const catalog = useMemo(() => new CatalogCache(client), [client]);
  const [session, setSession] = useState<Session | null>(() => client.session());
  const [notice, setNotice] = useState<string | null>(null);
  const [workspace, setWorkspace] = useState<WorkspaceState>(() => ({
    ...INITIAL_WORKSPACE,
    sql: window.localStorage.getItem(DRAFT_KEY) ?? '',
  }));
  const [version, setVersion] = useState<string | null>(null);
  const route = useRoute();

  useEffect(() => {
    client.onUnauthorized = () => {
      catalog.clear();
      setSession(null);
      setNotice('Your session has ended. Sign in again.');
    };
  }, [client, catalog]);

  // The editor text survives reloads of the page.
  useEffect(() => {
    window.localStorage.setItem(DRAFT_KEY, workspace.sql);
  }, [workspace.sql]);

  useEffect(() => {
    client.health().then(
      (health) => setVersion(health.version),
      () => setVersion(null),
    );
  }, [client]);

  if (!session) {
    return (
      <LoginPage
        client={client}
        notice={notice}
        onLogin={(next) => {
          setNotice(null);
          // An error left by the call that found the session ended is no longer relevant.
          setWorkspace((previous) => ({ ...previous, running: false, error: null }));
          setSession(next);
        }}
      />
    );
  }

  const openSql = (sql: string) => {
    setWorkspace((previous) => ({ ...previous, sql, error: null }));
    navigate({ page: 'sql' });
  };

  const logout = async () => {
    await client.logout();
    catalog.clear();
    setWorkspace(INITIAL_WORKSPACE);
    window.localStorage.removeItem(DRAFT_KEY);
    setSession(null);
  };

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark">◆</span> Data Platform
        </div>
        <nav>
          {NAV_ITEMS.map((item) => (
            <a
              key={item.page}
              href={`#/${item.page}`}
              data-testid={item.testId}
              className={route.page === item.page ? 'active' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <span className="spacer-flex" />
        {version && <span className="muted version">v{version}</span>}
        <span className="user" data-testid="current-user">
          {session.username}
        </span>
        <button type="button" className="header-button" onClick={logout} data-testid="logout">
          Sign out
        </button>
      </header>
      <main className="app-main">
        {route.page === 'sql' && <SqlWorkspace client={client} catalog={catalog} state={workspace} setState={setWorkspace} />}
        {route.page === 'catalog' && (
          <CatalogPage client={client} catalog={catalog} namespace={route.namespace} name={route.name} onOpenSql={openSql} />
        )}
        {route.page === 'history' && <HistoryPage client={client} onOpenSql={openSql} />}
        {route.page === 'storage' && <StoragePage client={client} bucket={route.bucket} prefix={route.prefix} />}
        {route.page === 'connections' && <ConnectionsPage client={client} name={route.name} />}
        {route.page === 'transform' && <TransformPage client={client} node={route.node} />}
        {route.page === 'orchestration' && <OrchestrationPage client={client} tab={route.tab} id={route.id} />}
      </main>
    </div>
  );
}
