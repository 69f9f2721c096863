import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { ConfigInvalidError } from '../src/config/environment';
import { environmentOf, requireEnvironment, runContext, type EnvironmentMetadata } from '../src/config/run-context';
import { declaredGoldenTests } from '../src/verdict/golden-manifest';
import { browserLabel, resolveBrowser } from './resolve-browser';
import { startLocalPlatform, type StopPlatform } from './local-platform';

/**
 * Runs once before any test, for the projects this run selected (`config.filteredProjects`:
 * `--project`, or the default project `local` when none is named; the test server behind UI
 * mode and the VS Code extension passes its default projects too). A selected environment that
 * does not resolve stops the run here with [CONFIG_INVALID], before any token is requested; an
 * environment that is not selected may lack its secrets. Only `local` starts anything.
 */
export default async function globalSetup(config: FullConfig): Promise<StopPlatform | undefined> {
  const rootDir = config.configFile ? path.dirname(config.configFile) : process.cwd();
  const context = runContext(rootDir);
  const selected = selectedEnvironments(config);
  const use = selectedProjects(config)[0]?.use;
  const problems = selected.flatMap((m) => (m.configProblems ?? []).map((p) => `${m.environment}: ${p}`));
  if (problems.length > 0) throw new ConfigInvalidError(problems);

  const browser = resolveBrowser();
  for (const { environment } of selected) {
    const c = requireEnvironment(context, environment);
    const { urls } = c;
    console.log(
      `golden path: ${c.name} · frontend ${urls.frontend} · auth ${urls.auth} · backend ${urls.backend} · socket ${urls.ws} · ` +
        `auth mode ${c.authMode} · browser ${browserLabel(browser, use)} · ` +
        `${declaredGoldenTests(c.chatAllowed).length} golden tests declared`,
    );
  }
  if (!selected.some((m) => m.environment === 'local') || !context.startPlatform) return undefined;
  return startLocalPlatform(requireEnvironment(context, 'local'), { rootDir, ci: context.ci });
}

/** The golden environments among the projects that run, in config order, each once. */
export function selectedEnvironments(config: Pick<FullConfig, 'filteredProjects' | 'projects'>): EnvironmentMetadata[] {
  const projects = selectedProjects(config);
  const seen = new Map<string, EnvironmentMetadata>();
  for (const project of projects) {
    const m = environmentOf(project.metadata);
    if (m && !seen.has(m.environment)) seen.set(m.environment, m);
  }
  return [...seen.values()];
}

/** The projects this run selected (`--project`, or the default ones), else all of them. */
function selectedProjects(config: Pick<FullConfig, 'filteredProjects' | 'projects'>) {
  return config.filteredProjects?.length ? config.filteredProjects : config.projects;
}
