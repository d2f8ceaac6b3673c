import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FakeServer, signIn } from '../test/fakeServer';
import { FakeStorage } from '../test/fakeStorage';
import { StoragePage } from './StoragePage';

interface Saved {
  name: string;
  text: string;
}

function setUp() {
  signIn();
  const server = new FakeServer().withLogin();
  const fake = new FakeStorage().install(server);
  const saved: Saved[] = [];
  const save = (blob: Blob, name: string) => void blob.text().then((text) => saved.push({ name, text }));
  return { server, fake, saved, save };
}

function rowsOf(testId: string, container: HTMLElement = document.body): HTMLElement[] {
  return within(container).queryAllByTestId(testId);
}

function keys(): (string | null)[] {
  return rowsOf('storage-object').map((row) => row.getAttribute('data-key'));
}

async function confirm(button: HTMLElement) {
  fireEvent.click(button);
  fireEvent.click(await screen.findByTestId('confirm-yes'));
}

function choose(...files: File[]) {
  fireEvent.change(screen.getByTestId('upload-input'), { target: { files } });
}

describe('uploads', () => {
  it('uploads a small file into the current folder and shows it with its event', async () => {
    const { server, fake, save } = setUp();
    fake.createBucket('logs');
    render(<StoragePage client={server.client()} bucket="logs" prefix="docs/" save={save} />);
    await screen.findByTestId('object-list');

    choose(new File(['hello world'], 'hello.txt', { type: 'text/plain' }));

    await waitFor(() => expect(keys()).toEqual(['docs/hello.txt']));
    const item = screen.getByTestId('upload-item');
    expect(item.getAttribute('data-status')).toBe('done');
    expect(within(item).getByTestId('upload-status').textContent).toBe('Stored 11 B');
    expect(fake.text('logs', 'docs/hello.txt')).toBe('hello world');
    const put = server.requestsTo('PUT', '/api/v1/storage/buckets/logs/objects/docs/hello.txt')[0];
    expect(put.headers['content-type']).toBe('text/plain');
    const events = await screen.findByTestId('events-list');
    expect(within(events).getByTestId('event-item').textContent).toContain('docs/hello.txt');
    expect(within(events).getByTestId('event-item').getAttribute('data-type')).toBe('CREATED');
  });

  it('uploads a large file in parts with a progress bar and completes it', async () => {
    const { server, fake, save } = setUp();
    fake.createBucket('logs');
    let release = () => {};
    fake.partGate = new Promise((resolve) => (release = resolve));
    render(<StoragePage client={server.client()} bucket="logs" prefix="" partSize={4} save={save} />);
    await screen.findByTestId('object-list');

    choose(new File(['0123456789'], 'digits.txt', { type: 'text/plain' }));

    const item = await screen.findByTestId('upload-item');
    await waitFor(() => expect(item.getAttribute('data-status')).toBe('uploading'));
    expect(within(item).getByTestId('upload-status').textContent).toBe('0 B / 10 B · multipart');
    const progress = within(item).getByTestId('upload-progress') as HTMLProgressElement;
    expect(progress.max).toBe(10);
    release();

    await waitFor(() => expect(item.getAttribute('data-status')).toBe('done'));
    expect(progress.value).toBe(10);
    expect(fake.text('logs', 'digits.txt')).toBe('0123456789');
    const parts = server.requests.filter((request) => request.path.includes('/parts/')).map((request) => request.path);
    expect(parts).toEqual([
      '/api/v1/storage/buckets/logs/uploads/upload-1/parts/1?key=digits.txt',
      '/api/v1/storage/buckets/logs/uploads/upload-1/parts/2?key=digits.txt',
      '/api/v1/storage/buckets/logs/uploads/upload-1/parts/3?key=digits.txt',
    ]);
    const complete = server.requestsTo('POST', '/api/v1/storage/buckets/logs/uploads/upload-1/complete')[0];
    expect(complete.body).toEqual({
      key: 'digits.txt',
      parts: [1, 2, 3].map((partNumber) => ({ partNumber, etag: expect.any(String) })),
    });
    await waitFor(() => expect(keys()).toEqual(['digits.txt']));
  });

  it('cancels a multipart upload and aborts it on the server', async () => {
    const { server, fake, save } = setUp();
    fake.createBucket('logs');
    fake.partGate = new Promise(() => {});
    render(<StoragePage client={server.client()} bucket="logs" prefix="" partSize={4} save={save} />);
    await screen.findByTestId('object-list');

    choose(new File(['0123456789'], 'digits.txt'));
    const item = await screen.findByTestId('upload-item');
    await waitFor(() => expect(server.requests.filter((request) => request.path.includes('/parts/'))).toHaveLength(2));
    fireEvent.click(within(item).getByTestId('upload-cancel'));

    await waitFor(() => expect(item.getAttribute('data-status')).toBe('cancelled'));
    expect(within(item).getByTestId('upload-status').textContent).toBe('Cancelled');
    expect(fake.aborted).toEqual(['upload-1']);
    expect(fake.text('logs', 'digits.txt')).toBeNull();
  });

  it('shows why an upload failed', async () => {
    const { server, fake, save } = setUp();
    fake.createBucket('logs');
    fake.failingParts.add(1);
    render(<StoragePage client={server.client()} bucket="logs" prefix="" partSize={4} save={save} />);
    await screen.findByTestId('object-list');

    choose(new File(['0123456789'], 'digits.txt'));

    const item = await screen.findByTestId('upload-item');
    await waitFor(() => expect(item.getAttribute('data-status')).toBe('failed'));
    expect(item.textContent).toContain('Cannot store part 1: disk full');
    expect(fake.aborted).toEqual(['upload-1']);
  });
});

describe('objects and versions', () => {
  it('downloads an object with its name', async () => {
    const { server, fake, saved, save } = setUp();
    fake.createBucket('logs').putText('logs', 'docs/hello.txt', 'hello');
    render(<StoragePage client={server.client()} bucket="logs" prefix="docs/" save={save} />);

    fireEvent.click(await screen.findByTestId('object-download'));

    await waitFor(() => expect(saved).toEqual([{ name: 'hello.txt', text: 'hello' }]));
  });

  it('deletes an object after confirmation', async () => {
    const { server, fake, save } = setUp();
    fake.createBucket('logs').putText('logs', 'a.txt', 'a').putText('logs', 'b.txt', 'b');
    render(<StoragePage client={server.client()} bucket="logs" prefix="" save={save} />);
    await waitFor(() => expect(keys()).toEqual(['a.txt', 'b.txt']));

    await confirm(within(rowsOf('storage-object')[0]).getByTestId('object-delete'));

    await waitFor(() => expect(keys()).toEqual(['b.txt']));
    expect(fake.text('logs', 'a.txt')).toBeNull();
    await waitFor(() => expect(rowsOf('event-item')[0].getAttribute('data-type')).toBe('REMOVED'));
  });

  it('lists versions, adds a delete marker, downloads and deletes one version', async () => {
    const { server, fake, saved, save } = setUp();
    fake.createBucket('logs', 'Enabled').putText('logs', 'a.txt', 'one').putText('logs', 'a.txt', 'two');
    render(<StoragePage client={server.client()} bucket="logs" prefix="" save={save} />);

    fireEvent.click(await screen.findByTestId('object-versions'));
    const panel = await screen.findByTestId('versions-panel');
    await waitFor(() => expect(rowsOf('version-row', panel)).toHaveLength(2));
    const [latest, older] = rowsOf('version-row', panel);
    expect(latest.getAttribute('data-latest')).toBe('true');
    expect(latest.textContent).toContain('LATEST');
    expect(older.getAttribute('data-latest')).toBe('false');

    fireEvent.click(within(older).getByTestId('version-download'));
    await waitFor(() => expect(saved).toEqual([{ name: 'a.txt', text: 'one' }]));

    await confirm(within(panel).getByTestId('versions-delete-object'));
    await waitFor(() => expect(rowsOf('version-row', panel)).toHaveLength(3));
    const marker = rowsOf('version-row', panel)[0];
    expect(marker.getAttribute('data-delete-marker')).toBe('true');
    expect(marker.textContent).toContain('DELETE MARKER');
    expect(within(marker).queryByTestId('version-download')).toBeNull();
    await waitFor(() => expect(keys()).toEqual([]));

    const olderId = older.getAttribute('data-version-id')!;
    const olderRow = rowsOf('version-row', panel).find((row) => row.getAttribute('data-version-id') === olderId)!;
    await confirm(within(olderRow).getByTestId('version-delete'));

    await waitFor(() => expect(rowsOf('version-row', panel)).toHaveLength(2));
    expect(rowsOf('version-row', panel).map((row) => row.getAttribute('data-version-id'))).not.toContain(olderId);
    expect(server.requestsTo('DELETE', `/api/v1/storage/buckets/logs/objects/a.txt?versionId=${olderId}`)).toHaveLength(1);
    expect(server.requestsTo('GET', `/api/v1/storage/buckets/logs/versions?prefix=a.txt`).length).toBeGreaterThanOrEqual(3);
  });
});

describe('bucket settings', () => {
  it('enables and suspends versioning and sets default encryption', async () => {
    const { server, fake, save } = setUp();
    fake.createBucket('logs');
    render(<StoragePage client={server.client()} bucket="logs" prefix="" save={save} />);

    expect((await screen.findByTestId('versioning-state')).textContent).toBe('Unversioned');
    fireEvent.click(screen.getByTestId('versioning-enable'));
    await waitFor(() => expect(screen.getByTestId('versioning-state').textContent).toBe('Enabled'));
    fireEvent.click(screen.getByTestId('versioning-suspend'));
    await waitFor(() => expect(screen.getByTestId('versioning-state').textContent).toBe('Suspended'));
    fireEvent.change(screen.getByTestId('encryption-select'), { target: { value: 'AES256' } });
    await waitFor(() => expect((screen.getByTestId('encryption-select') as HTMLSelectElement).value).toBe('AES256'));

    expect(server.requestsTo('PUT', '/api/v1/storage/buckets/logs/settings').map((request) => request.body)).toEqual([
      { versioning: 'Enabled' },
      { versioning: 'Suspended' },
      { encryption: 'AES256' },
    ]);
    expect(fake.buckets.get('logs')).toMatchObject({ versioning: 'Suspended', encryption: 'AES256' });
    expect(screen.getByTestId('versioning-enable')).toBeTruthy();
  });

  it('shows the error of a rejected change', async () => {
    const { server, fake, save } = setUp();
    fake.createBucket('logs');
    server.on('PUT', '/api/v1/storage/buckets/logs/settings', {
      status: 403,
      body: { error: { code: 'PERMISSION_DENIED', message: 'Cannot change bucket logs: alice is not an admin' } },
    });
    render(<StoragePage client={server.client()} bucket="logs" prefix="" save={save} />);

    fireEvent.click(await screen.findByTestId('versioning-enable'));

    expect((await screen.findByTestId('storage-error-message')).textContent).toBe(
      'Cannot change bucket logs: alice is not an admin',
    );
    expect(screen.getByTestId('versioning-state').textContent).toBe('Unversioned');
  });
});
