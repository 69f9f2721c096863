import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadEnvironment, type GoldenConfig } from '../src/config/environment';
import { failureClassOf, GoldenPathFailure, withoutClass } from '../src/contract/failure-classes';
import { FRAME_METRICS, GoldenUser, USER_STEPS, type UserObserver } from '../src/load/golden-user';
import { redactText, registerSecretsFromEnv } from '../src/report/redact';

/**
 * Artillery's processor for `golden-path.yml`: each virtual user walks the golden socket flow
 * with the suite's own `GoldenUser` (its token, thread, socket client and run checker), one
 * function step per golden step. Timings become Artillery histograms (`golden.*`); a failure
 * ends the user with an error whose code is its contract class, which Artillery counts as
 * `errors.<CLASS>`. The environment is read the golden path's way (`env/<name>.env`, its
 * secrets file, the process environment), by the name given to `artillery run -e <name>`.
 * Nothing secret reaches Artillery: tokens live in this module, never in `context.vars`.
 */
interface VuContext {
  vars: { $environment?: string; $uuid?: string };
}
interface VuEvents {
  emit(kind: 'histogram' | 'counter', metric: string, value: number): void;
}

const users = new WeakMap<VuContext, GoldenUser>();
/** Every thread this worker's users created: the others' threads are foreign to each one. */
const crowdThreads = new Set<string>();
const configs = new Map<string, GoldenConfig | Error>();
const reported = new Set<string>();

/** The folder holding `env/`: Artillery runs from the repository locally, from its bundle's root on a worker. */
function rootDir(): string {
  let dir = process.env.GOLDEN_ROOT ?? process.cwd();
  for (let i = 0; i < 6 && !existsSync(path.join(dir, 'env')); i++) dir = path.dirname(dir);
  return dir;
}

function configFor(context: VuContext): GoldenConfig {
  // No default: an Artillery run without `-e <name>` must not quietly aim at localhost.
  const name = context.vars.$environment ?? '';
  let entry = configs.get(name);
  if (!entry) {
    try {
      if (!name) throw new GoldenPathFailure('CONFIG_INVALID', 'no environment: run the scenario with -e local|staging|production');
      const config = loadEnvironment(name, { rootDir: rootDir() });
      if (!config.chatAllowed) {
        throw new GoldenPathFailure('CONFIG_INVALID', `${name} is read-only unless ALLOW_PRODUCTION_CHAT=1: a load run creates users, threads and agent runs`);
      }
      registerSecretsFromEnv(process.env, config.secrets);
      entry = config;
    } catch (error) {
      entry = error instanceof Error ? error : new Error(String(error));
    }
    configs.set(name, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry;
}

function observerOf(events: VuEvents): UserObserver {
  return {
    step: (step, ms) => {
      if (Number.isFinite(ms)) events.emit('histogram', USER_STEPS[step].metric, ms);
    },
    frame: (toVerdict, stamp) => {
      events.emit('histogram', FRAME_METRICS.frameToVerdict.metric, toVerdict);
      if (stamp !== undefined) events.emit('histogram', FRAME_METRICS.stampToVerdict.metric, stamp);
    },
  };
}

function userOf(context: VuContext): GoldenUser {
  const user = users.get(context);
  if (!user) throw new GoldenPathFailure('CONFIG_INVALID', 'a golden step ran before signIn: the scenario flow starts with signIn');
  return user;
}

// Artillery calls a step function callback-style unless it is declared `async`: each one is.
/**
 * Runs one step; on failure drops the user's socket and rethrows as `{ code: CLASS }`, so the
 * counter is `errors.CLASS` and no failure text (frames, URLs) becomes a metric name. The
 * first failure of each class is printed once per worker, redacted, as the example to read.
 */
async function guarded(context: VuContext, body: () => Promise<unknown>): Promise<void> {
  try {
    await body();
  } catch (error) {
    users.get(context)?.drop();
    users.delete(context);
    const message = error instanceof Error ? error.message : String(error);
    const failureClass = failureClassOf(message) ?? 'UNCLASSIFIED';
    if (!reported.has(failureClass)) {
      reported.add(failureClass);
      console.error(`golden: first ${failureClass}: ${redactText(withoutClass(message).split('\n')[0]?.slice(0, 600) ?? '')}`);
    }
    throw Object.assign(new Error(`[${failureClass}]`), { code: failureClass });
  }
}

export async function signIn(context: VuContext, events: VuEvents): Promise<void> {
  await guarded(context, async () => {
    // One e2e user per VU: Artillery's per-VU uuid as the email's local part (contract section 9).
    const local = `artillery-${(context.vars.$uuid ?? '').replace(/-/g, '')}`;
    if (local === 'artillery-') throw new GoldenPathFailure('CONFIG_INVALID', 'Artillery gave the virtual user no $uuid to make its email from');
    const user = new GoldenUser({ config: configFor(context), email: `${local}@netra-e2e.test`, label: local, crowdThreads, observer: observerOf(events) });
    users.set(context, user);
    await user.signIn();
  });
}

export async function startConversation(context: VuContext): Promise<void> {
  await guarded(context, () => userOf(context).startConversation());
}

export async function connect(context: VuContext): Promise<void> {
  await guarded(context, () => userOf(context).connect());
}

export async function chat(context: VuContext): Promise<void> {
  await guarded(context, () => userOf(context).chat());
}

/** After the hold: a clean close (1000), as a user leaving the page. */
export async function leave(context: VuContext): Promise<void> {
  await guarded(context, async () => {
    await userOf(context).leave();
    users.delete(context);
  });
}
