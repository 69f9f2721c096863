#!/usr/bin/env node
// Stand-ins for the commands `npm run setup` may run, installed under their names (npm, npx,
// apt-get, sudo) on PATH by setup.spec.ts: each call is appended to STAND_IN_LOG, nothing is
// downloaded or installed. What an "install" leaves behind is an empty executable file where
// the real one would put its browser, so setup's own check after the install sees it.
//   npx:     STAND_IN_NPX_EXIT (default 0); on success creates STAND_IN_NPX_CREATES
//   apt-get: STAND_IN_APT_WORKS=1 makes `install <pkg>` create STAND_IN_APT_DIR/<pkg>;
//            otherwise install and update fail as an offline Debian's do (exit 100)
//   sudo:    runs the rest of its arguments, as sudo would
//   npm:     does nothing (npm ci has nothing to prove here)
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const name = path.basename(process.argv[1]);
const args = process.argv.slice(2);
appendFileSync(process.env.STAND_IN_LOG, `${JSON.stringify([name, ...args])}\n`);

function leaveExecutable(file) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
}

if (name === 'sudo') {
  const [command, ...rest] = args;
  process.exit(spawnSync(command, rest, { stdio: 'inherit' }).status ?? 1);
} else if (name === 'npx') {
  const code = Number(process.env.STAND_IN_NPX_EXIT ?? '0');
  if (code === 0 && process.env.STAND_IN_NPX_CREATES) leaveExecutable(process.env.STAND_IN_NPX_CREATES);
  if (code !== 0) console.error('Error: Download failed: server returned code 503');
  process.exit(code);
} else if (name === 'apt-get') {
  if (process.env.STAND_IN_APT_WORKS !== '1') {
    console.error(args[0] === 'update' ? 'E: Failed to fetch the package lists' : `E: Unable to locate package ${args.at(-1)}`);
    process.exit(100);
  }
  if (args[0] === 'install') leaveExecutable(path.join(process.env.STAND_IN_APT_DIR, args.at(-1)));
}
