// Drives the connections page of the dp web UI with Debian's Chromium: creates a connection from
// the form generated from a connector's spec, tests the source, discovers its streams, takes one
// with a full refresh, saves, runs a sync, follows its progress to the end, and reads the sync's
// log and the history.
// Usage: node connections.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR CONNECTOR_TYPE SETTINGS_JSON STREAM
//   CONNECTOR_TYPE  a registered connector, e.g. postgres or jdbc
//   SETTINGS_JSON   the spec fields to fill, by property path, e.g. '{"url":"jdbc:h2:/tmp/src"}'
//   STREAM          a stream the source offers, e.g. public.customers
import { chromium } from 'playwright-core';

const [baseUrl, user, password, screenshots, connectorType, settingsJson, stream] = process.argv.slice(2);
const executablePath = process.env.DP_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30000;
const SYNC_TIMEOUT = 180000;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const testId = (id) => `[data-testid="${id}"]`;
const streamRow = `${testId('stream-row')}[data-stream="${stream}"]`;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function failOnError(page) {
  const error = await page.$(testId('connection-error'));
  if (error) throw new Error('the connections page shows an error: ' + (await error.textContent()));
}

try {
  check(connectorType && settingsJson && stream, 'usage: connections.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR CONNECTOR_TYPE SETTINGS_JSON STREAM');
  const settings = JSON.parse(settingsJson);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(baseUrl);
  await page.fill(testId('login-username'), user);
  await page.fill(testId('login-password'), password);
  await page.click(testId('login-submit'));
  await page.waitForSelector(testId('nav-connections'), { timeout: 15000 });

  await page.click(testId('nav-connections'));
  await page.waitForSelector(testId('connection-list'), { timeout: TIMEOUT });
  await page.click(testId('connection-new'));
  await page.waitForSelector(testId('spec-form'), { timeout: TIMEOUT });
  await page.selectOption(testId('connector-select'), connectorType);

  // Secrets are password inputs that start empty.
  const secrets = await page.$$eval(`${testId('spec-form')} input[type="password"]`, (inputs) => inputs.map((input) => input.value));
  check(secrets.every((value) => value === ''), 'a secret field is prefilled');

  const name = `browser-${Date.now()}`;
  await page.fill(testId('connection-name'), name);
  for (const [path, value] of Object.entries(settings)) {
    const field = testId(`spec-field-${path}`);
    const tag = await page.$eval(field, (element) => `${element.tagName}:${element.type}`);
    if (tag.startsWith('SELECT')) await page.selectOption(field, String(value));
    else if (tag.endsWith(':checkbox')) await page.setChecked(field, value === true || value === 'true');
    else await page.fill(field, Array.isArray(value) ? value.join(', ') : String(value));
  }

  await page.click(testId('connection-check'));
  await page.waitForSelector(testId('check-result'), { timeout: TIMEOUT });
  const checked = await page.getAttribute(testId('check-result'), 'data-success');
  check(checked === 'true', 'the source check failed: ' + (await page.textContent(testId('check-result'))));

  await page.click(testId('connection-discover'));
  await page.waitForSelector(streamRow, { timeout: TIMEOUT });
  await failOnError(page);
  await page.check(`${streamRow} ${testId('stream-select')}`);
  await page.selectOption(`${streamRow} ${testId('stream-mode')}`, 'full_refresh_overwrite');
  await page.screenshot({ path: `${screenshots}/connections-new.png`, fullPage: true });
  await page.click(testId('connection-save'));
  await page.waitForSelector(`${testId('connection-detail')}[data-name="${name}"]`, { timeout: TIMEOUT });
  await failOnError(page);

  // Run a sync and follow it: the page polls the sync until it ends.
  await page.click(testId('sync-start'));
  await page.waitForSelector(testId('sync-progress'), { timeout: TIMEOUT });
  await page.waitForFunction(
    (css) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(document.querySelector(css)?.dataset.status),
    testId('sync-progress'), { timeout: SYNC_TIMEOUT, polling: 500 });
  const status = await page.getAttribute(testId('sync-progress'), 'data-status');
  const syncError = await page.$(testId('sync-error'));
  check(status === 'SUCCEEDED', `the sync ended ${status}: ${syncError ? await syncError.textContent() : ''}`);
  const records = await page.textContent(`${testId('sync-stream')}[data-stream="${stream}"] ${testId('sync-stream-records')}`);
  check(Number(records.replace(/,/g, '')) > 0, 'the sync committed no records: ' + records);
  const log = await page.textContent(testId('sync-log'));
  check(log.trim().length > 0, 'the sync log is empty');
  await page.waitForSelector(`${testId('sync-row')}[data-status="SUCCEEDED"]`, { timeout: TIMEOUT });
  await page.screenshot({ path: `${screenshots}/connections-sync.png`, fullPage: true });

  // Opening the sync from the history shows the same log.
  await page.click(`${testId('sync-row')}[data-status="SUCCEEDED"] ${testId('sync-open')}`);
  await page.waitForSelector(`${testId('sync-progress')}[data-status="SUCCEEDED"]`, { timeout: TIMEOUT });

  // The list shows the connection with its last sync.
  await page.click(testId('nav-connections'));
  const row = `${testId('connection-row')}[data-name="${name}"]`;
  await page.waitForSelector(`${row} ${testId('connection-status')}[data-status="SUCCEEDED"]`, { timeout: TIMEOUT });
  await page.screenshot({ path: `${screenshots}/connections-list.png` });
  console.log(JSON.stringify({ ok: true, connection: name, stream, records: Number(records.replace(/,/g, '')), logLines: log.split('\n').length }));
} finally {
  await browser.close();
}
