// Runs a command under Node 22+. Plain JavaScript so it works on any Node: when the
// machine's Node is older, Node 22 is installed from the npm registry into .tools/ once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);

function nodeBinDir() {
  if (major >= 22) return dirname(process.execPath);
  const bin = join(root, '.tools', 'node_modules', `node-${process.platform}-${process.arch}`, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    console.error(`Node ${process.versions.node} is too old for Dyocense; installing Node 22 into .tools/ (once)…`);
    const r = spawnSync('npm', ['install', '--prefix', join(root, '.tools'), '--no-save', '--no-audit', '--no-fund', `node-${process.platform}-${process.arch}@22`], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  return bin;
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/node22.mjs <command> [args…]');
  process.exit(2);
}
const bin = nodeBinDir();
const env = { ...process.env, PATH: `${bin}:${join(root, 'node_modules', '.bin')}:${process.env.PATH}` };
const result = spawnSync(command, args, { stdio: 'inherit', env, cwd: process.cwd() });
process.exit(result.status ?? (result.signal ? 1 : 0));
