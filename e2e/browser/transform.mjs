// Drives the transform page of the dp web UI with Debian's Chromium: opens a dbt project, checks
// its DAG, runs `build`, then reads a model's documentation, columns, compiled SQL and its status
// and timing in the run history.
// Usage: node transform.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR PROJECT_DIR MODEL_ID
//   PROJECT_DIR  absolute path of the dbt project on the server, e.g. /repo/demo/shop_dbt
//   MODEL_ID     unique id of a documented model with documented columns, e.g. model.shop.dim_customers
import { chromium } from 'playwright-core';

const [baseUrl, user, password, screenshots, project, model] = process.argv.slice(2);
const executablePath = process.env.DP_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30000;
const RUN_TIMEOUT = 180000;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const testId = (id) => `[data-testid="${id}"]`;
const dagNode = (id) => `${testId('dag-node')}[data-id="${id}"]`;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function failOnError(page) {
  const error = await page.$(testId('transform-error'));
  if (error) throw new Error('the transform page shows an error: ' + (await error.textContent()));
}

try {
  check(project && model, 'usage: transform.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR PROJECT_DIR MODEL_ID');
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(baseUrl);
  await page.fill(testId('login-username'), user);
  await page.fill(testId('login-password'), password);
  await page.click(testId('login-submit'));
  await page.waitForSelector(testId('nav-transform'), { timeout: 15000 });

  await page.click(testId('nav-transform'));
  // the page opens the server's first project by itself; wait for that, then choose ours
  await page.waitForFunction(
    () => document.querySelectorAll('#transform-projects option').length > 0, null, { timeout: TIMEOUT });
  await page.fill(testId('transform-project'), '');
  await page.fill(testId('transform-project'), project);
  await page.click(testId('transform-load'));
  await page.waitForSelector(testId('transform-dag'), { timeout: TIMEOUT });
  await failOnError(page);
  await page.waitForSelector(dagNode(model), { timeout: TIMEOUT });
  const nodeCount = Number(await page.getAttribute(testId('transform-dag'), 'data-node-count'));
  check(nodeCount > 1, 'the DAG has too few nodes: ' + nodeCount);
  const sources = await page.$$eval(`${testId('dag-node')}[data-id^="source."]`, (nodes) => nodes.length);
  check(sources > 0, 'the DAG shows no sources');

  await page.selectOption(testId('transform-command'), 'build');
  // runs made before (the demo's own) may be listed already: the newest must be this one
  const previousRun = await page
    .$eval(testId('transform-run-row'), (row) => row.getAttribute('data-run-id'))
    .catch(() => null);
  await page.click(testId('transform-run'));
  await page.waitForSelector(`${testId('run-console')}[data-running="false"]`, { timeout: RUN_TIMEOUT });
  await failOnError(page);
  const consoleText = await page.textContent(testId('run-console'));
  check(consoleText.trim().length > 0, 'the run printed nothing');
  await page.waitForFunction(
    (previous) => {
      const row = document.querySelector('[data-testid="transform-run-row"]');
      return row !== null && row.getAttribute('data-run-id') !== previous;
    },
    previousRun,
    { timeout: TIMEOUT });
  const newest = await page.getAttribute(testId('transform-run-row'), 'data-success');
  check(newest === 'true', 'the newest run failed:\n' + consoleText);
  await page.screenshot({ path: `${screenshots}/transform-run.png`, fullPage: true });

  // The model: status and timing in the newest run, docs, columns and compiled SQL.
  await page.waitForSelector(dagNode(model), { timeout: TIMEOUT });
  await page.click(dagNode(model));
  await page.waitForSelector(`${testId('node-detail')}[data-id="${model}"]`, { timeout: TIMEOUT });
  const timed = `${testId('run-node')}[data-id="${model}"]`;
  await page.waitForSelector(timed, { timeout: TIMEOUT });
  const status = await page.getAttribute(timed, 'data-status');
  check(status === 'success', `the model ended ${status} in the newest run`);
  const description = (await page.textContent(testId('node-description'))).trim();
  check(description.length > 0 && description !== 'No description.', 'the model has no description');
  const columns = await page.$$eval(testId('node-column'), (rows) => rows.map((row) => row.dataset.column));
  check(columns.length > 0, 'the model shows no documented columns');
  const sql = await page.textContent(testId('compiled-sql'));
  check(/\bselect\b/i.test(sql) && !sql.includes('{{'), 'the compiled SQL is not compiled: ' + sql);
  await page.screenshot({ path: `${screenshots}/transform-model.png`, fullPage: true });
  console.log(JSON.stringify({ ok: true, project, model, nodes: nodeCount, columns, status }));
} finally {
  await browser.close();
}
