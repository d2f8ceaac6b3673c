// Runs `npm ci` only when node_modules does not match package-lock.json, so rebuilds stay fast.
// The stamp file inside node_modules records the hash of the lock file it was installed from.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = join(root, 'package-lock.json');
const stampFile = join(root, 'node_modules', '.dp-lock-hash');

const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === lockHash) {
  console.log('[dp-ui] node_modules is up to date with package-lock.json');
  process.exit(0);
}

console.log('[dp-ui] running npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  console.error(`[dp-ui] Cannot install the UI dependencies: npm ci exited with ${result.status ?? result.signal}`);
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, `${lockHash}\n`);
