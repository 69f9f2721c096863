import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvironment } from '../src/config/environment';
import { driveUsers } from '../src/load/drive-users';
import { LoadUsageError, parseLoadArgs } from '../src/load/load-options';
import { loadPassed, renderLoadReport } from '../src/load/load-report';
import { runArtillery } from './load/run-artillery';

/**
 * `npm run load -- --users 500 --ramp 10s --env local [--engine artillery]`: the golden path's
 * socket flow for many users at once, against any environment's URLs (env/<name>.env + secrets
 * + the process environment, exactly as the golden path reads them). The own driver runs in
 * this process and needs nothing installed; `--engine artillery` runs the same flow as the
 * Artillery scenario (artillery/golden-path.yml). Prints a Markdown report and writes it as
 * JSON to bench-results/. Exit code 0 only when every user succeeded (and, with Artillery,
 * its ensure checks held).
 */
const root = path.resolve(__dirname, '..');

async function main(): Promise<number> {
  const options = parseLoadArgs(process.argv.slice(2));
  const config = loadEnvironment(options.env, { rootDir: root });
  if (!config.chatAllowed) {
    throw new LoadUsageError(`${config.name} is read-only unless ALLOW_PRODUCTION_CHAT=1: a load run creates users, threads and agent runs`);
  }
  console.log(
    `load (${options.engine}): ${options.users} users over ${options.rampMs / 1000} s against ${config.name} · auth ${config.urls.auth} · backend ${config.urls.backend} · socket ${config.urls.ws} · stops by itself after ${options.durationLimitMs / 1000} s`,
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = options.out ?? path.join(root, 'bench-results', `load-${options.engine}-${config.name}-${options.users}u-${stamp}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  const report = options.engine === 'artillery' ? await runArtillery({ root, config, options, out }) : await driveUsers({ config, options, log: (line) => console.log(line) });
  writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\n${renderLoadReport(report)}\nwritten to ${path.relative(process.cwd(), out)}`);
  return loadPassed(report) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
