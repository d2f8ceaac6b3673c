// Drives the storage console of the dp web UI with Debian's Chromium: creates a bucket, turns on
// versioning, uploads a small file and a 12 MiB file (multipart), browses folders, downloads and
// checks both, makes a second version, deletes the object (delete marker) and one version.
// Usage: node storage.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const [baseUrl, user, password, screenshots] = process.argv.slice(2);
const executablePath = process.env.DP_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30000;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const testId = (id) => `[data-testid="${id}"]`;
const objectRow = (key) => `${testId('storage-object')}[data-key="${key}"]`;
const versionRows = `${testId('versions-panel')} ${testId('version-row')}`;

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function confirmClick(page, selector) {
  await page.click(selector);
  await page.click(testId('confirm-yes'));
}

/** Clicks a download button and returns the file name and bytes the browser saved. */
async function download(page, selector) {
  const [saved] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.click(selector)]);
  const path = await saved.path();
  return { name: saved.suggestedFilename(), bytes: await readFile(path) };
}

async function upload(page, file) {
  await page.setInputFiles(testId('upload-input'), file);
}

async function countOf(page, selector) {
  return page.$$eval(selector, (elements) => elements.length);
}

async function waitForCount(page, selector, count) {
  await page.waitForFunction(
    ([css, expected]) => document.querySelectorAll(css).length === expected,
    [selector, count], { timeout: TIMEOUT });
}

async function failOnErrorPanel(page) {
  const error = await page.$(testId('storage-error'));
  if (error) throw new Error('the storage page shows an error: ' + (await error.textContent()));
}

try {
  const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  await page.goto(baseUrl);
  await page.fill(testId('login-username'), user);
  await page.fill(testId('login-password'), password);
  await page.click(testId('login-submit'));
  await page.waitForSelector(testId('nav-storage'), { timeout: 15000 });

  // The console's landing page: endpoint, CLI hint, buckets.
  await page.click(testId('nav-storage'));
  await page.waitForSelector(testId('bucket-list'), { timeout: TIMEOUT });
  const hint = await (await page.waitForSelector(testId('storage-cli-hint'), { timeout: TIMEOUT })).textContent();
  check(/^aws --endpoint-url https?:\/\/\S+ s3 ls$/.test(hint), 'unexpected CLI hint: ' + hint);

  const bucket = `browser-${Date.now()}`;
  await page.fill(testId('bucket-name'), bucket);
  await page.click(testId('bucket-create'));
  await page.waitForSelector(`${testId('bucket-view')}[data-bucket="${bucket}"]`, { timeout: TIMEOUT });
  await failOnErrorPanel(page);

  await page.waitForSelector(testId('versioning-enable'), { timeout: TIMEOUT });
  await page.click(testId('versioning-enable'));
  await page.waitForFunction(
    (css) => document.querySelector(css)?.textContent === 'Enabled', testId('versioning-state'), { timeout: TIMEOUT });

  // A 12 MiB file goes up in parts (8 MiB + 4 MiB).
  const big = Buffer.alloc(12 * 1024 * 1024);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 12)) & 0xff;
  await upload(page, { name: 'big.bin', mimeType: 'application/octet-stream', buffer: big });
  const bigItem = `${testId('upload-item')}[data-key="big.bin"]`;
  await page.waitForSelector(`${bigItem}[data-status="done"]`, { timeout: 120000 });
  const bigStatus = await page.textContent(`${bigItem} ${testId('upload-status')}`);
  check(bigStatus.includes('multipart'), 'the 12 MiB file was not uploaded in parts: ' + bigStatus);
  await page.waitForSelector(objectRow('big.bin'), { timeout: TIMEOUT });
  await page.screenshot({ path: `${screenshots}/storage-upload.png` });

  // A small text file inside the folder docs/.
  await page.fill(testId('folder-name'), 'docs');
  await page.click(testId('folder-open'));
  await page.waitForFunction(
    (css) => document.querySelector(css)?.textContent.includes('docs'), testId('breadcrumbs'), { timeout: TIMEOUT });
  const firstText = 'hello from the storage console\n';
  await upload(page, { name: 'hello.txt', mimeType: 'text/plain', buffer: Buffer.from(firstText) });
  await page.waitForSelector(objectRow('docs/hello.txt'), { timeout: TIMEOUT });
  await failOnErrorPanel(page);

  // Back at the bucket's root: docs/ is a folder; browse into it again.
  await page.click(`${testId('breadcrumbs')} a[href="#/storage/${bucket}/"]`);
  await page.waitForSelector(`${testId('storage-folder')}[data-prefix="docs/"]`, { timeout: TIMEOUT });
  await page.waitForSelector(objectRow('big.bin'), { timeout: TIMEOUT });
  const bigDownload = await download(page, `${objectRow('big.bin')} ${testId('object-download')}`);
  check(bigDownload.bytes.length === big.length, `big.bin came back with ${bigDownload.bytes.length} bytes`);
  check(sha256(bigDownload.bytes) === sha256(big), 'big.bin came back with other bytes than were uploaded');
  await page.screenshot({ path: `${screenshots}/storage-bucket.png` });
  await page.click(`${testId('storage-folder')}[data-prefix="docs/"] a`);
  await page.waitForSelector(objectRow('docs/hello.txt'), { timeout: TIMEOUT });

  const small = await download(page, `${objectRow('docs/hello.txt')} ${testId('object-download')}`);
  check(small.name === 'hello.txt', 'downloaded file name: ' + small.name);
  check(small.bytes.toString('utf8') === firstText, 'downloaded content: ' + small.bytes.toString('utf8'));

  // The same file again makes a second version.
  const secondText = 'hello again, second version\n';
  await upload(page, { name: 'hello.txt', mimeType: 'text/plain', buffer: Buffer.from(secondText) });
  const helloCreated = `${testId('event-item')}[data-type="CREATED"]`;
  await page.waitForFunction(
    (css) => [...document.querySelectorAll(css)].filter((e) => e.textContent.includes('docs/hello.txt')).length >= 2,
    helloCreated, { timeout: TIMEOUT });
  const latest = await download(page, `${objectRow('docs/hello.txt')} ${testId('object-download')}`);
  check(latest.bytes.toString('utf8') === secondText, 'latest content: ' + latest.bytes.toString('utf8'));

  await page.click(`${objectRow('docs/hello.txt')} ${testId('object-versions')}`);
  await waitForCount(page, versionRows, 2);
  const latestFlags = await page.$$eval(versionRows, (rows) => rows.map((row) => row.dataset.latest));
  check(JSON.stringify(latestFlags) === '["true","false"]', 'latest flags: ' + latestFlags);
  const older = await download(page, `${versionRows}:nth-child(2) ${testId('version-download')}`);
  check(older.bytes.toString('utf8') === firstText, 'older version content: ' + older.bytes.toString('utf8'));
  await page.screenshot({ path: `${screenshots}/storage-versions.png` });

  // Deleting the object in a versioned bucket leaves a delete marker on top.
  await confirmClick(page, testId('versions-delete-object'));
  await waitForCount(page, versionRows, 3);
  const markers = await page.$$eval(versionRows, (rows) => rows.map((row) => row.dataset.deleteMarker));
  check(JSON.stringify(markers) === '["true","false","false"]', 'delete markers: ' + markers);
  await waitForCount(page, objectRow('docs/hello.txt'), 0);

  // Deleting the oldest version removes it for good.
  const oldestId = await page.$eval(`${versionRows}:nth-child(3)`, (row) => row.dataset.versionId);
  await confirmClick(page, `${versionRows}:nth-child(3) ${testId('version-delete')}`);
  await waitForCount(page, versionRows, 2);
  const remaining = await page.$$eval(versionRows, (rows) => rows.map((row) => row.dataset.versionId));
  check(!remaining.includes(oldestId), `version ${oldestId} is still listed: ${remaining}`);
  await failOnErrorPanel(page);
  await page.screenshot({ path: `${screenshots}/storage-delete-marker.png` });

  await page.click(testId('nav-storage'));
  await page.waitForSelector(`${testId('bucket-row')}[data-bucket="${bucket}"]`, { timeout: TIMEOUT });
  const row = await page.textContent(`${testId('bucket-row')}[data-bucket="${bucket}"]`);
  check(row.includes('Enabled'), 'bucket row does not show versioning: ' + row);
  await page.screenshot({ path: `${screenshots}/storage-buckets.png` });
  console.log(JSON.stringify({ ok: true, bucket, hint, versions: remaining, objects: await countOf(page, testId('bucket-row')) }));
} finally {
  await browser.close();
}
