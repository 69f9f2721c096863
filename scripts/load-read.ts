import { readFileSync } from 'node:fs';
import { readArtilleryReport } from '../src/load/artillery-plan';
import { renderLatencyTable } from '../src/verdict/latency-percentiles';

/**
 * `npm run load:read -- <artillery --output JSON>`: the verdict of an Artillery run of the golden
 * scenario read from its JSON alone, the way a distributed run (`artillery run-fargate
 * --output …`) leaves it: Artillery merges every worker's metrics into that one file. Prints
 * the users, the golden.* steps and the errors by contract class; exit 0 only when every
 * user that started completed.
 */
const file = process.argv[2];
if (!file) {
  console.error('[CONFIG_INVALID] usage: npm run load:read -- <artillery-report.json>');
  process.exit(2);
}
const a = readArtilleryReport(JSON.parse(readFileSync(file, 'utf8')) as unknown);
const pass = a.created > 0 && a.failed === 0 && a.completed === a.created;
console.log(`### ${file}: ${a.created} users started, ${a.completed} completed, ${a.failed} failed · ${pass ? 'PASS' : 'FAIL'}\n`);
console.log(renderLatencyTable([...a.steps, a.frameToVerdict, a.stampToVerdict].filter((s) => s.count > 0)));
if (a.errors.length === 0) console.log('errors: none');
else {
  console.log('| error class | users |\n|---|---:|');
  for (const e of a.errors) console.log(`| ${e.failureClass} | ${e.count} |`);
  console.log("\nEach worker printed the first message of each class to its log as 'golden: first <CLASS>: …' (on Fargate: CloudWatch).");
}
process.exit(pass ? 0 : 1);
