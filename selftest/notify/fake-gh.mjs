#!/usr/bin/env node
// A stand-in for the GitHub CLI in the notification's tests: a tiny issue tracker kept in
// FAKE_GH_STATE (JSON), every call appended to FAKE_GH_LOG. Only what scripts/notify-nightly.ts uses.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const stateFile = process.env.FAKE_GH_STATE;
const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : { issues: [], labels: [] };
appendFileSync(process.env.FAKE_GH_LOG, `${JSON.stringify(args)}\n`);
const flag = (name) => args[args.indexOf(name) + 1];
const save = () => writeFileSync(stateFile, JSON.stringify(state, null, 2));
const issue = (n) => state.issues.find((i) => i.number === Number(n)) ?? fail(`no issue #${n}`);
function fail(message) {
  console.error(`fake gh: ${message}`);
  process.exit(1);
}

const [group, command] = args;
if (!process.env.GH_TOKEN) fail('GH_TOKEN is not set');
if (group === 'label' && command === 'create') {
  if (!state.labels.includes(args[2])) state.labels.push(args[2]);
  save();
} else if (group === 'issue' && command === 'list') {
  const label = flag('--label');
  const open = state.issues.filter((i) => i.state === 'open' && (!label || i.labels.includes(label)));
  process.stdout.write(JSON.stringify(open.map(({ number, title }) => ({ number, title }))));
} else if (group === 'issue' && command === 'create') {
  const label = flag('--label');
  if (label && !state.labels.includes(label)) fail(`could not add label: '${label}' not found`);
  const number = state.issues.length + 1;
  state.issues.push({ number, title: flag('--title'), body: flag('--body'), labels: label ? [label] : [], state: 'open', comments: [] });
  save();
  process.stdout.write(`https://github.com/netra/golden-path/issues/${number}\n`);
} else if (group === 'issue' && command === 'comment') {
  issue(args[2]).comments.push(flag('--body'));
  save();
} else if (group === 'issue' && command === 'close') {
  const i = issue(args[2]);
  if (args.includes('--comment')) i.comments.push(flag('--comment'));
  i.state = 'closed';
  save();
} else {
  fail(`unsupported: gh ${args.join(' ')}`);
}
