// Drives the orchestration pages of the dp web UI with Debian's Chromium: finds an asset in the
// asset graph, launches a job, follows the run's live log to its end, checks the asset is fresh
// afterwards, and turns the job's schedule off and on again.
// Usage: node orchestration.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR JOB ASSET_KEY
//   JOB        a job to launch that succeeds and has a schedule, e.g. shop_pipeline
//   ASSET_KEY  an asset the job materializes, e.g. marts.dim_customers
import { chromium } from 'playwright-core';

const [baseUrl, user, password, screenshots, job, asset] = process.argv.slice(2);
const executablePath = process.env.DP_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30000;
const RUN_TIMEOUT = 240000;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const testId = (id) => `[data-testid="${id}"]`;
const assetNode = `${testId('asset-node')}[data-id="${asset}"]`;
const scheduleRow = `${testId('schedule-row')}[data-job="${job}"]`;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function failOnError(page) {
  const error = await page.$(testId('orchestration-error'));
  if (error) throw new Error('the orchestration page shows an error: ' + (await error.textContent()));
}

async function showAsset(page) {
  await page.click(testId('tab-assets'));
  await page.waitForSelector(testId('asset-graph'), { timeout: TIMEOUT });
  // Only what is in view is drawn: filter to the asset so it is on screen.
  await page.fill(testId('asset-filter'), asset);
  await page.waitForSelector(assetNode, { timeout: TIMEOUT });
  await page.click(assetNode);
  await page.waitForSelector(`${testId('asset-detail')}[data-key="${asset}"]`, { timeout: TIMEOUT });
}

try {
  check(job && asset, 'usage: orchestration.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR JOB ASSET_KEY');
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(baseUrl);
  await page.fill(testId('login-username'), user);
  await page.fill(testId('login-password'), password);
  await page.click(testId('login-submit'));
  await page.waitForSelector(testId('nav-orchestration'), { timeout: 15000 });

  await page.click(testId('nav-orchestration'));
  await showAsset(page);
  await failOnError(page);
  const total = await page.textContent(testId('asset-count'));
  await page.screenshot({ path: `${screenshots}/orchestration-assets.png` });

  // Launch the job and follow the run live (Server-Sent Events) until it ends.
  await page.click(testId('tab-jobs'));
  await page.click(`${testId('job-row')}[data-job="${job}"] ${testId('job-launch')}`);
  await page.waitForSelector(testId('run-detail'), { timeout: TIMEOUT });
  const runId = await page.getAttribute(testId('run-detail'), 'data-run-id');
  await page.waitForFunction(
    (css) => ['SUCCEEDED', 'FAILED', 'CANCELED', 'CANCELLED'].includes(document.querySelector(css)?.dataset.status),
    testId('run-detail'), { timeout: RUN_TIMEOUT, polling: 500 });
  const status = await page.getAttribute(testId('run-detail'), 'data-status');
  const log = await page.textContent(testId('run-log'));
  check(status === 'SUCCEEDED', `run ${runId} ended ${status}:\n${log}`);
  check(log.split('\n').length >= 2, 'the run log has fewer than two lines:\n' + log);
  const steps = await page.$$eval(testId('run-step'), (rows) => rows.map((row) => `${row.dataset.step}:${row.dataset.status}`));
  check(steps.length > 0, 'the run shows no steps');
  await page.waitForSelector(`${testId('run-row')}[data-run-id="${runId}"]`, { timeout: TIMEOUT });
  await page.screenshot({ path: `${screenshots}/orchestration-run.png`, fullPage: true });

  // The asset was just materialized.
  await showAsset(page);
  await page.waitForFunction(
    (css) => document.querySelector(css)?.dataset.status === 'fresh', testId('asset-status'), { timeout: TIMEOUT });

  // The schedule toggles to the other state and back.
  await page.click(testId('tab-schedules'));
  await page.waitForSelector(scheduleRow, { timeout: TIMEOUT });
  const before = await page.getAttribute(scheduleRow, 'data-enabled');
  const after = before === 'true' ? 'false' : 'true';
  await page.click(`${scheduleRow} ${testId('schedule-toggle')}`);
  await page.waitForSelector(`${scheduleRow}[data-enabled="${after}"]`, { timeout: TIMEOUT });
  await page.click(`${scheduleRow} ${testId('schedule-toggle')}`);
  await page.waitForSelector(`${scheduleRow}[data-enabled="${before}"]`, { timeout: TIMEOUT });
  await failOnError(page);
  await page.screenshot({ path: `${screenshots}/orchestration-schedules.png` });
  console.log(JSON.stringify({ ok: true, job, runId, steps, asset, assets: total }));
} finally {
  await browser.close();
}
