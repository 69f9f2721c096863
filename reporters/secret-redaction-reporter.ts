import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { FullConfig, Reporter, Suite, TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';
import { runContext } from '../src/config/run-context';
import { redactText, registerSecretsFromEnv } from '../src/report/redact';
import { isMaskedArchive, redactAllureMessage, redactBytes, redactZip } from '../src/report/redact-artifacts';

/**
 * The second net (secrets never leak): the workers already mask what they make (traces,
 * attachments, errors, output: fixtures/masked-artifacts.ts), so a
 * command line with other reporters (`--reporter=list,json`) leaks nothing. When this
 * reporter is in the list it goes FIRST: Playwright calls reporters one after another with
 * the same objects, so what this one rewrites (error messages, step titles, stdout, attachment
 * bodies, and the files behind attachments) is what `list`, allure-playwright, the HTML and
 * the blob reporter then copy. Every hook is synchronous on purpose: the next reporter runs
 * as soon as this one returns, not when a promise settles.
 *
 * The terminal is the one output no reporter owns (the list reporter, the web server's stderr,
 * console.log in reporters), so the main process's stdout and stderr are masked at the last door.
 */
const ALLURE_MESSAGE = 'application/vnd.allure.message+json';
const ZIP_TYPES = /^application\/(zip|vnd\.allure\.playwright-trace)$/;

type Attachment = TestResult['attachments'][number];

export interface SecretRedactionOptions {
  /** The blob reporter's folder, when there is one (see onExit). */
  blobDir?: string;
}

export default class SecretRedactionReporter implements Reporter {
  private rewritten = new Set<string>();
  private readonly blobDir: string | undefined;

  constructor(options: SecretRedactionOptions = {}) {
    this.blobDir = options.blobDir;
  }

  onBegin(config: FullConfig, _suite: Suite): void {
    const rootDir = path.dirname(config.configFile ?? path.resolve('playwright.config.ts'));
    // Every environment's secrets that resolved (files + process environment), whichever run:
    // masking one more value costs nothing. The config of this process resolved them already.
    registerSecretsFromEnv(process.env);
    for (const slot of Object.values(runContext(rootDir).environments)) if (slot.config) registerSecretsFromEnv({}, slot.config.secrets);
    maskStream(process.stdout);
    maskStream(process.stderr);
  }

  onStepBegin(_test: TestCase, _result: TestResult, step: TestStep): void {
    step.title = redactText(step.title);
  }

  onStepEnd(_test: TestCase, _result: TestResult, step: TestStep): void {
    if (step.error) redactError(step.error);
    // allure-playwright copies attachments made inside steps and fixtures at step end.
    for (const attachment of step.attachments) this.redactAttachment(attachment);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.error) redactError(result.error);
    for (const error of result.errors) redactError(error);
    for (const annotation of [...result.annotations, ...test.annotations]) {
      if (annotation.description) annotation.description = redactText(annotation.description);
    }
    for (const stream of [result.stdout, result.stderr]) {
      stream.forEach((chunk, i) => {
        stream[i] = typeof chunk === 'string' ? redactText(chunk) : (redactBytes(chunk, redactText) ?? chunk);
      });
    }
    for (const attachment of result.attachments) this.redactAttachment(attachment);
  }

  onError(error: TestError): void {
    redactError(error);
  }

  /**
   * The blob reporter also records stdout and stderr chunks (the tests' and the web server's)
   * as they come: strings this reporter cannot rewrite in place. onExit runs after every
   * reporter's onEnd, so the finished blob archives are rewritten here, like traces.
   */
  async onExit(): Promise<void> {
    if (!this.blobDir || !existsSync(this.blobDir)) return;
    for (const name of readdirSync(this.blobDir)) {
      if (!name.endsWith('.zip')) continue;
      const file = path.join(this.blobDir, name);
      writeFileSync(file, redactZip(readFileSync(file), redactText).zip);
    }
  }

  printsToStdio(): boolean {
    return false;
  }

  private redactAttachment(attachment: Attachment): void {
    attachment.name = redactText(attachment.name);
    if (attachment.body) {
      const body =
        attachment.contentType === ALLURE_MESSAGE
          ? Buffer.from(redactAllureMessage(attachment.body.toString('utf8'), redactText), 'utf8')
          : redactBytes(attachment.body, redactText);
      if (body) attachment.body = body;
      return;
    }
    const file = attachment.path;
    if (!file || this.rewritten.has(file)) return;
    this.rewritten.add(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return; // nothing on disk (a retained-only-on-failure artifact that was discarded): nothing to leak
    }
    if (ZIP_TYPES.test(attachment.contentType) || file.endsWith('.zip')) {
      // A trace the worker masked with every secret this process knows and the run's tokens.
      if (isMaskedArchive(bytes)) return;
      let zip: Uint8Array;
      try {
        zip = redactZip(bytes, redactText).zip;
      } catch (error) {
        // An archive that cannot be read cannot be checked: it is replaced, never kept as is.
        zip = zipSync({ 'REDACTION-FAILED.txt': Buffer.from(`the archive could not be redacted and was removed: ${String(error)}\n`) });
      }
      writeFileSync(file, zip);
    } else {
      // Whatever decodes as text is masked, whatever its declared type, as bodies are above;
      // images and video are not text and stay as they are.
      const redacted = redactBytes(bytes, redactText);
      if (redacted) writeFileSync(file, redacted);
    }
  }
}

function redactError(error: TestError): void {
  if (error.message) error.message = redactText(error.message);
  if (error.stack) error.stack = redactText(error.stack);
  if (error.value) error.value = redactText(error.value);
  if (error.snippet) error.snippet = redactText(error.snippet);
  if (error.cause) redactError(error.cause);
}

const masked = new WeakSet<NodeJS.WriteStream>();

function maskStream(stream: NodeJS.WriteStream): void {
  if (masked.has(stream)) return;
  masked.add(stream);
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') return write(redactText(chunk), ...rest);
    if (chunk instanceof Uint8Array) return write(redactBytes(chunk, redactText) ?? chunk, ...rest);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
