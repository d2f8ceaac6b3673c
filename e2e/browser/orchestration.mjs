// Drives the orchestration pages of the dp web UI with Debian's Chromium: finds an asset in the
// asset graph, launches a job, follows the run's live log to its end, checks the asset is fresh
// afterwards, and turns the job's schedule off and on again. With the two extra arguments it also
// reloads the pipelines folder, backfills five days of a daily-partitioned job (three runs, all
// succeed), launches a job whose second step fails until a table exists, creates that table on
// the SQL page and re-executes the failed run from its failed step (it succeeds, the first step
// counts as done).
// Usage: node orchestration.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR JOB ASSET_KEY [DAILY_JOB GATE_JOB]
//   JOB        a job to launch that succeeds and has a schedule, e.g. shop_pipeline
//   ASSET_KEY  an asset the job materializes, e.g. marts.dim_customers
//   DAILY_JOB  a daily-partitioned job from 2026-01-01 with backfill max_runs 3 that succeeds
//   GATE_JOB   a job with steps prepare, check where check reads browser.gate
import { chromium } from 'playwright-core';

const [baseUrl, user, password, screenshots, job, asset, dailyJob, gateJob] = process.argv.slice(2);
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

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELED', 'CANCELLED'];

async function awaitRunEnd(page) {
  await page.waitForFunction(
    (args) => args.finished.includes(document.querySelector(args.css)?.dataset.status),
    { css: testId('run-detail'), finished: FINISHED }, { timeout: RUN_TIMEOUT, polling: 500 });
  return page.getAttribute(testId('run-detail'), 'data-status');
}

async function typeSql(page, text) {
  const hook = await page.evaluate((sql) => {
    if (window.dpEditor && typeof window.dpEditor.setValue === 'function') {
      window.dpEditor.setValue(sql);
      return true;
    }
    return false;
  }, text);
  if (!hook) {
    await page.click(`${testId('sql-editor')} .cm-content`);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(text);
  }
}

// Backfills 2026-01-01..2026-01-05 of the daily job from the jobs tab; every run it enqueued succeeds.
async function backfill(page) {
  await page.click(testId('tab-jobs'));
  await page.click(testId('pipelines-reload'));
  await page.waitForSelector(testId('pipelines-reloaded'), { timeout: TIMEOUT });
  const row = `${testId('job-row')}[data-job="${dailyJob}"]`;
  await page.waitForSelector(row, { timeout: TIMEOUT });
  await page.fill(`${row} ${testId('backfill-from')}`, '2026-01-01');
  await page.fill(`${row} ${testId('backfill-to')}`, '2026-01-05');
  await page.click(`${row} ${testId('backfill-submit')}`);
  await page.waitForSelector(`${row} ${testId('backfill-result')}`, { timeout: TIMEOUT });
  const result = await page.textContent(`${row} ${testId('backfill-result')}`);
  check(/: 5 partitions in 3 runs$/.test(result), 'unexpected backfill result: ' + result);
  await page.screenshot({ path: `${screenshots}/orchestration-backfill.png` });
  await page.click(testId('tab-runs'));
  const rows = `${testId('run-row')}[data-job="${dailyJob}"]`;
  await page.waitForFunction(
    (css) => {
      const runs = [...document.querySelectorAll(css)];
      return runs.length === 3 && runs.every((run) => run.dataset.status === 'SUCCEEDED');
    },
    rows, { timeout: RUN_TIMEOUT, polling: 1000 });
  return result;
}

// A run of the gate job fails at its check step; after the SQL page creates browser.gate, the run
// re-executed from the failed step succeeds and its first step counts as done.
async function reexecute(page) {
  await page.click(testId('tab-jobs'));
  await page.click(`${testId('job-row')}[data-job="${gateJob}"] ${testId('job-launch')}`);
  await page.waitForSelector(testId('run-detail'), { timeout: TIMEOUT });
  const failedId = await page.getAttribute(testId('run-detail'), 'data-run-id');
  const status = await awaitRunEnd(page);
  check(status === 'FAILED', `run ${failedId} of ${gateJob} ended ${status}, not FAILED`);

  await page.click(testId('nav-sql'));
  await page.waitForSelector(testId('sql-editor'), { timeout: TIMEOUT });
  await typeSql(page, 'create table browser.gate as select 1 as ready');
  await page.click(testId('run-query'));
  await page.waitForFunction(
    () => document.querySelector('[data-testid="result-status"]') || document.querySelector('[data-testid="error-panel"]'),
    null, { timeout: TIMEOUT });
  const sqlError = await page.$(testId('error-panel'));
  if (sqlError) throw new Error('creating browser.gate failed: ' + (await sqlError.textContent()));

  await page.goto(`${baseUrl}#/orchestration/runs/${failedId}`);
  await page.waitForSelector(`${testId('run-detail')}[data-run-id="${failedId}"]`, { timeout: TIMEOUT });
  const label = await page.textContent(testId('run-reexecute'));
  check(label === 'Re-execute from check', 'unexpected re-execute button: ' + label);
  await page.click(testId('run-reexecute'));
  await page.waitForFunction(
    (id) => { const detail = document.querySelector('[data-testid="run-detail"]'); return detail && detail.dataset.runId !== id; },
    failedId, { timeout: TIMEOUT });
  const newId = await page.getAttribute(testId('run-detail'), 'data-run-id');
  const newStatus = await awaitRunEnd(page);
  const log = await page.textContent(testId('run-log'));
  check(newStatus === 'SUCCEEDED', `re-executed run ${newId} ended ${newStatus}:\n${log}`);
  const steps = await page.$$eval(testId('run-step'), (rows) => rows.map((row) => `${row.dataset.step}:${row.dataset.status}`));
  check(steps.join(',') === 'prepare:SUCCEEDED,check:SUCCEEDED', 'unexpected steps of the re-executed run: ' + steps);
  check(log.includes(`re-execution of run ${failedId} from step check`), 'the log does not say where the run started:\n' + log);
  await page.screenshot({ path: `${screenshots}/orchestration-reexecute.png`, fullPage: true });
  return { failed: failedId, reexecuted: newId };
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
  const status = await awaitRunEnd(page);
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
  const extra = {};
  if (dailyJob && gateJob) {
    extra.backfill = await backfill(page);
    extra.reexecution = await reexecute(page);
    await failOnError(page);
  }
  console.log(JSON.stringify({ ok: true, job, runId, steps, asset, assets: total, ...extra }));
} finally {
  await browser.close();
}
