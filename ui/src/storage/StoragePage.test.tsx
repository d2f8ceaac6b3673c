import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../App';
import { FakeServer, signIn } from '../test/fakeServer';
import { FakeStorage } from '../test/fakeStorage';
import { StoragePage } from './StoragePage';

function setUp() {
  signIn();
  const server = new FakeServer().withLogin();
  const fake = new FakeStorage().install(server);
  return { server, fake };
}

function goTo(hash: string) {
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

function rowsOf(testId: string): HTMLElement[] {
  return screen.queryAllByTestId(testId);
}

function attributes(elements: HTMLElement[], name: string): (string | null)[] {
  return elements.map((element) => element.getAttribute(name));
}

async function confirm(button: HTMLElement) {
  fireEvent.click(button);
  fireEvent.click(await screen.findByTestId('confirm-yes'));
}

describe('storage buckets', () => {
  it('is reached from the navigation and shows the endpoint with a CLI hint', async () => {
    const { server, fake } = setUp();
    fake.createBucket('logs');
    render(<App client={server.client()} />);

    fireEvent.click(screen.getByTestId('nav-storage'));

    const list = await screen.findByTestId('bucket-list');
    expect(attributes(within(list).getAllByTestId('bucket-row'), 'data-bucket')).toEqual(['logs']);
    expect(screen.getByTestId('nav-storage').className).toBe('active');
    expect((await screen.findByTestId('storage-endpoint-url')).textContent).toBe('http://127.0.0.1:9000');
    expect(screen.getByTestId('storage-cli-hint').textContent).toBe('aws --endpoint-url http://127.0.0.1:9000 s3 ls');
  });

  it('creates a bucket and opens it', async () => {
    const { server, fake } = setUp();
    window.location.hash = '#/storage';
    render(<App client={server.client()} />);
    expect((await screen.findByTestId('bucket-list')).textContent).toBe('No buckets yet.');

    fireEvent.change(screen.getByTestId('bucket-name'), { target: { value: 'reports' } });
    fireEvent.click(screen.getByTestId('bucket-create'));

    expect((await screen.findByTestId('bucket-view')).getAttribute('data-bucket')).toBe('reports');
    expect(window.location.hash).toBe('#/storage/reports/');
    expect(fake.buckets.has('reports')).toBe(true);
    expect((await screen.findByTestId('object-list')).textContent).toBe('This bucket is empty.');
  });

  it('shows why a bucket cannot be created', async () => {
    const { server } = setUp();
    window.location.hash = '#/storage';
    render(<App client={server.client()} />);
    await screen.findByTestId('bucket-list');

    fireEvent.change(screen.getByTestId('bucket-name'), { target: { value: 'Bad_Name' } });
    fireEvent.click(screen.getByTestId('bucket-create'));

    expect((await screen.findByTestId('storage-error-message')).textContent).toBe(
      'Cannot create bucket Bad_Name: the name is not a valid bucket name',
    );
    expect(screen.getByTestId('storage-error').textContent).toContain('InvalidBucketName');
  });

  it('shows the server message when a bucket is not empty, and deletes an empty one', async () => {
    const { server, fake } = setUp();
    fake.createBucket('full').putText('full', 'a.txt', 'x').createBucket('empty');
    window.location.hash = '#/storage';
    render(<App client={server.client()} />);
    await screen.findAllByTestId('bucket-row');

    await confirm(within(rowsOf('bucket-row')[0]).getByTestId('bucket-delete'));

    expect((await screen.findByTestId('storage-error-message')).textContent).toBe(
      'Cannot delete bucket full: the bucket is not empty',
    );
    expect(screen.getByTestId('storage-error').textContent).toContain('BucketNotEmpty');
    expect(fake.buckets.has('full')).toBe(true);

    await confirm(within(rowsOf('bucket-row')[1]).getByTestId('bucket-delete'));
    await waitFor(() => expect(attributes(rowsOf('bucket-row'), 'data-bucket')).toEqual(['full']));
    expect(screen.queryByTestId('storage-error')).toBeNull();
  });

  it('asks before deleting and does nothing on cancel', async () => {
    const { server, fake } = setUp();
    fake.createBucket('logs');
    window.location.hash = '#/storage';
    render(<App client={server.client()} />);

    fireEvent.click(await screen.findByTestId('bucket-delete'));
    fireEvent.click(screen.getByTestId('confirm-no'));

    expect(screen.getByTestId('bucket-delete')).toBeTruthy();
    expect(server.requests.some((request) => request.method === 'DELETE')).toBe(false);
  });
});

describe('access keys', () => {
  it('creates a key, shows its secret once and deletes it', async () => {
    const { server, fake } = setUp();
    window.location.hash = '#/storage';
    render(<App client={server.client()} />);
    expect(await screen.findByText('No access keys yet.')).toBeTruthy();

    fireEvent.change(screen.getByTestId('key-description'), { target: { value: 'laptop' } });
    fireEvent.click(screen.getByTestId('key-create'));

    const row = await screen.findByTestId('key-row');
    const accessKey = fake.accessKeys[0].accessKey;
    expect(row.getAttribute('data-access-key')).toBe(accessKey);
    expect(row.textContent).toContain('laptop');
    expect(row.textContent).not.toContain(fake.accessKeys[0].secretKey);
    expect(screen.getByTestId('key-created-secret').textContent).toBe(fake.accessKeys[0].secretKey);
    expect(server.requestsTo('POST', '/api/v1/storage/keys')[0].body).toEqual({ description: 'laptop' });

    await confirm(within(row).getByTestId('key-delete'));

    expect(await screen.findByText('No access keys yet.')).toBeTruthy();
    expect(server.requestsTo('DELETE', `/api/v1/storage/keys/${accessKey}`)).toHaveLength(1);
  });
});

describe('browsing a bucket', () => {
  it('shows folders and objects of a prefix and navigates by folders and breadcrumbs', async () => {
    const { server, fake } = setUp();
    fake
      .createBucket('logs')
      .putText('logs', '2026/01/a.log', 'a')
      .putText('logs', '2026/02/b.log', 'bb')
      .putText('logs', 'readme.txt', 'hello');
    window.location.hash = '#/storage/logs';
    render(<App client={server.client()} />);

    const folders = await screen.findAllByTestId('storage-folder');
    expect(attributes(folders, 'data-prefix')).toEqual(['2026/']);
    expect(attributes(rowsOf('storage-object'), 'data-key')).toEqual(['readme.txt']);
    expect(rowsOf('storage-object')[0].textContent).toContain('5 B');

    goTo(folders[0].querySelector('a')!.getAttribute('href')!);
    await waitFor(() => expect(attributes(rowsOf('storage-folder'), 'data-prefix')).toEqual(['2026/01/', '2026/02/']));
    expect(rowsOf('storage-folder')[0].textContent).toBe('▸01/');
    goTo(rowsOf('storage-folder')[1].querySelector('a')!.getAttribute('href')!);
    await waitFor(() => expect(attributes(rowsOf('storage-object'), 'data-key')).toEqual(['2026/02/b.log']));
    expect(rowsOf('storage-object')[0].textContent).toContain('b.log');

    const crumbs = within(screen.getByTestId('breadcrumbs')).getAllByTestId('breadcrumb');
    expect(crumbs.map((crumb) => crumb.textContent)).toEqual(['Buckets', 'logs', '2026', '02']);
    expect(crumbs[2].getAttribute('href')).toBe('#/storage/logs/2026/');
    goTo(crumbs[1].getAttribute('href')!);
    await waitFor(() => expect(attributes(rowsOf('storage-object'), 'data-key')).toEqual(['readme.txt']));
    expect(server.requests.map((request) => request.path)).toContain(
      '/api/v1/storage/buckets/logs/objects?prefix=2026%2F02%2F&delimiter=%2F&limit=200',
    );
  });

  it('opens a new folder typed by the user', async () => {
    const { server, fake } = setUp();
    fake.createBucket('logs');
    window.location.hash = '#/storage/logs';
    render(<App client={server.client()} />);
    await screen.findByTestId('object-list');

    fireEvent.change(screen.getByTestId('folder-name'), { target: { value: 'new stuff' } });
    fireEvent.click(screen.getByTestId('folder-open'));

    await waitFor(() => expect(window.location.hash).toBe('#/storage/logs/new%20stuff/'));
    expect((await screen.findByTestId('object-list')).textContent).toBe(
      'This folder is empty. Upload files to store them here.',
    );
  });

  it('loads more pages while the server has more', async () => {
    const { server, fake } = setUp();
    fake.createBucket('logs');
    for (const name of ['a', 'b', 'c', 'd', 'e']) fake.putText('logs', `${name}.txt`, name);
    render(<StoragePage client={server.client()} bucket="logs" prefix="" pageSize={2} />);

    await waitFor(() => expect(attributes(rowsOf('storage-object'), 'data-key')).toEqual(['a.txt', 'b.txt']));
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() => expect(rowsOf('storage-object')).toHaveLength(4));
    fireEvent.click(screen.getByTestId('load-more'));

    await waitFor(() =>
      expect(attributes(rowsOf('storage-object'), 'data-key')).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']),
    );
    expect(screen.queryByTestId('load-more')).toBeNull();
    expect(server.requests.map((request) => request.path)).toContain(
      '/api/v1/storage/buckets/logs/objects?prefix=&delimiter=%2F&continuation=d.txt&limit=2',
    );
  });

  it('shows the error of a bucket that does not exist', async () => {
    const { server } = setUp();
    render(<StoragePage client={server.client()} bucket="nope" prefix="" />);

    expect((await screen.findByTestId('listing-error')).textContent).toBe('Cannot find bucket nope');
  });
});
