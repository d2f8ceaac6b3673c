// Logs into the dp web UI with Debian's Chromium, runs queries and checks what a user sees.
// Usage: node login-and-query.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR
import { chromium } from 'playwright-core';

const [baseUrl, user, password, screenshots] = process.argv.slice(2);
const executablePath = process.env.DP_CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function typeSql(page, text) {
  const hook = await page.evaluate((sql) => {
    if (window.dpEditor && typeof window.dpEditor.setValue === 'function') {
      window.dpEditor.setValue(sql);
      return true;
    }
    return false;
  }, text);
  if (!hook) {
    await page.click('[data-testid="sql-editor"] .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(text);
  }
}

try {
  const page = await browser.newPage();
  await page.goto(baseUrl);
  await page.fill('[data-testid="login-username"]', user);
  await page.fill('[data-testid="login-password"]', 'wrong-password');
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('[data-testid="login-error"]', { timeout: 15000 });

  await page.fill('[data-testid="login-password"]', password);
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('[data-testid="sql-editor"]', { timeout: 15000 });

  await typeSql(page, 'select 42 as answer');
  await page.click('[data-testid="run-query"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="result-grid"]')?.textContent.includes('42'),
    null, { timeout: 30000 });
  const grid = await page.textContent('[data-testid="result-grid"]');
  if (!grid.includes('answer')) throw new Error('result grid lacks the column name: ' + grid);
  await page.screenshot({ path: `${screenshots}/result.png` });

  await typeSql(page, 'select * from no_such_schema.no_such_table');
  await page.click('[data-testid="run-query"]');
  await page.waitForSelector('[data-testid="error-panel"]', { timeout: 30000 });
  const error = await page.textContent('[data-testid="error-panel"]');
  if (!/no_such/i.test(error)) throw new Error('error panel does not name the table: ' + error);
  await page.screenshot({ path: `${screenshots}/error.png` });

  await page.click('[data-testid="nav-history"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="history-list"]')?.textContent.includes('select 42 as answer'),
    null, { timeout: 30000 });
  await page.screenshot({ path: `${screenshots}/history.png` });
  console.log(JSON.stringify({ ok: true, grid, error }));
} finally {
  await browser.close();
}
