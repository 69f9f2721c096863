/**
 * The README's pictures, made from real runs (not part of any test: a person runs it when the
 * verdict or the report changes its look). On other ports if a platform is already running:
 *
 *   npm run golden > /tmp/golden.txt; npm run report
 *   npx tsx scripts/docs/render-images.ts --verdict /tmp/golden.txt --report allure-report
 *   PLATFORM_FAULTS=ws-404 npm run golden; npm run report
 *   npx tsx scripts/docs/render-images.ts --report allure-report --report-png /tmp/red.png \
 *     --report-test "a chat message over the socket makes the agent run" --report-test-png report-red-test.png
 *
 * The verdict is the terminal text from the first rule line to the last, drawn in a monospace
 * font; the report is allure-report/ served from loopback and opened in headless Chromium (a
 * file:// page cannot load the report's data). Pictures go to docs/images/ unless a path is given.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { resolveBrowser } from '../../runner/resolve-browser';

const root = path.resolve(__dirname, '../..');
const images = path.join(root, 'docs/images');

const { values } = parseArgs({
  options: {
    verdict: { type: 'string' },
    /** Keep the verdict's first lines only (a README picture should fit a screen); the rest is named, not drawn. */
    'verdict-lines': { type: 'string' },
    report: { type: 'string' },
    'report-png': { type: 'string', default: 'report.png' },
    /** A failed test to open in the report, by its title, and the picture of its page. */
    'report-test': { type: 'string' },
    'report-test-png': { type: 'string', default: 'report-failed-test.png' },
  },
});

/** The verdict block of a golden run's output: from the first rule line to the last. */
function verdictBlock(output: string): string {
  const lines = output.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const rules = lines.flatMap((line, i) => (line.startsWith('────') ? [i] : []));
  const [first, last] = [rules[0], rules.at(-1)];
  if (first === undefined || last === undefined || first === last) {
    throw new Error('no verdict found: the file must hold the output of npm run golden, with its two rule lines');
  }
  return lines.slice(first, last + 1).join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The first `keep` lines of a verdict block, a line saying what was left out, and its closing rule. */
function abridged(block: string, keep: number | undefined): string {
  const lines = block.split('\n');
  if (!keep || lines.length <= keep + 1) return block;
  const rest = lines.slice(keep, -1);
  const stages = rest.filter((l) => /^(PASS|FAIL|PARTIAL) {2}/.test(l)).map((l) => l.slice(6).trim());
  return [...lines.slice(0, keep), `… ${rest.length} more lines${stages.length ? `: ${stages.join(', ')}` : ''}`, lines.at(-1) ?? ''].join('\n');
}

async function renderVerdict(browser: Browser, file: string): Promise<void> {
  const keep = values['verdict-lines'] ? Number(values['verdict-lines']) : undefined;
  const text = abridged(verdictBlock(readFileSync(file, 'utf8')), keep);
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  await page.setContent(
    `<html><body style="margin:0;background:#1e1e1e">` +
      `<pre id="t" style="display:inline-block;margin:0;padding:14px 18px;color:#e6e6e6;background:#1e1e1e;` +
      `font:13px/1.35 'DejaVu Sans Mono',Menlo,Consolas,monospace">${escapeHtml(text)}</pre></body></html>`,
  );
  await page.locator('#t').screenshot({ path: path.join(images, 'verdict.png') });
  await page.close();
}

/** A static server for the report folder, on loopback, on a port the system picks. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.txt': 'text/plain' };
  const server = createServer((req, res) => {
    const wanted = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.join(dir, wanted.endsWith('/') ? `${wanted}index.html` : wanted);
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function renderReport(browser: Browser, dir: string, testTitle: string | undefined): Promise<void> {
  const { 'report-png': overview, 'report-test-png': failedTest } = values;
  const { server, url } = await serve(path.resolve(dir));
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(url);
    // The tree is drawn once the report has read its data; its first stage group says so.
    await page.getByText('1 · frontend').first().waitFor({ timeout: 15_000 });
    // The report scrolls its own panes as it opens its groups: back to the top, name and ring first.
    await page.evaluate(() => {
      for (const element of [document.scrollingElement, ...document.querySelectorAll('*')]) if (element && element.scrollTop) element.scrollTop = 0;
    });
    await page.screenshot({ path: path.resolve(images, overview) });
    if (testTitle) {
      await page.getByText(testTitle).first().click();
      await page.getByText('what it means, what usually causes it').first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.resolve(images, failedTest) });
    }
    await page.close();
  } finally {
    server.close();
  }
}

async function main(): Promise<void> {
  if (!values.verdict && !values.report) throw new Error('nothing to render: give --verdict <golden output file> and/or --report <allure-report dir>');
  const resolved = resolveBrowser();
  const browser = await chromium.launch({ executablePath: resolved.executablePath, args: resolved.args });
  try {
    if (values.verdict) await renderVerdict(browser, values.verdict);
    if (values.report) await renderReport(browser, values.report, values['report-test']);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`render-images: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
