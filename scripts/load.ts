import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvironment } from '../src/config/environment';
import { driveUsers } from '../src/load/drive-users';
import { LoadUsageError, parseLoadArgs } from '../src/load/load-options';
import { renderLoadReport } from '../src/load/load-report';

/**
 * `npm run load -- --users 500 --ramp 10s --env local`: the golden path's socket flow for many
 * users at once, against any environment's URLs (env/<name>.env + secrets + the process
 * environment, exactly as the golden path reads them). Prints a Markdown report and writes
 * it as JSON to bench-results/. Exit code 0 only when every user succeeded.
 */
const root = path.resolve(import.meta.dirname, '..');

async function main(): Promise<number> {
  const options = parseLoadArgs(process.argv.slice(2));
  const config = loadEnvironment(options.env, { rootDir: root });
  if (!config.chatAllowed) {
    throw new LoadUsageError(`${config.name} is read-only unless ALLOW_PRODUCTION_CHAT=1: a load run creates users, threads and agent runs`);
  }
  console.log(
    `load: ${options.users} users over ${options.rampMs / 1000} s against ${config.name} · auth ${config.urls.auth} · backend ${config.urls.backend} · socket ${config.urls.ws} · stops by itself after ${options.durationLimitMs / 1000} s`,
  );
  const report = await driveUsers({ config, options, log: (line) => console.log(line) });
  const out = options.out ?? path.join(root, 'bench-results', `load-${config.name}-${options.users}u-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\n${renderLoadReport(report)}\nwritten to ${path.relative(process.cwd(), out)}`);
  return report.users.succeeded === options.users ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
