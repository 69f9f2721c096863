import { ENVIRONMENTS, isEnvironmentName, type EnvironmentName } from './environment';
import { ConfigInvalidError } from './environment';

/**
 * Which environment this run is for: the `--project` given to `playwright test`, or
 * GOLDEN_ENV (set by the main process for its workers, or by scripts such as merge-reports).
 * Exactly one environment per run; other Playwright commands need none.
 */
export function selectedEnvironment(argv: readonly string[], env: NodeJS.ProcessEnv): EnvironmentName | undefined {
  const projects: string[] = [];
  for (const [i, arg] of argv.entries()) {
    if (arg === '--project' && argv[i + 1]) projects.push(argv[i + 1] as string);
    else if (arg.startsWith('--project=')) projects.push(arg.slice('--project='.length));
  }
  const chosen = projects.length > 0 ? projects : env.GOLDEN_ENV ? [env.GOLDEN_ENV] : [];
  const runsTests = argv.includes('test');
  if (chosen.length === 0) {
    if (!runsTests) return undefined;
    throw new ConfigInvalidError([`choose an environment with --project=${ENVIRONMENTS.join('|')} (npm run golden runs local)`]);
  }
  if (new Set(chosen).size > 1) throw new ConfigInvalidError([`one environment per run, got --project ${chosen.join(', ')}`]);
  const name = chosen[0] as string;
  if (!isEnvironmentName(name)) throw new ConfigInvalidError([`unknown environment "${name}"; expected one of ${ENVIRONMENTS.join(', ')}`]);
  return name;
}
