import type { Asset } from './static-assets';

/**
 * Variant `fast-page`: the same page, delivered the way a small, optimised deployment does it:
 * one HTML response with its style and its whole script inline and no favicon request, so a
 * page is one round trip on loopback (contract section 5 still holds: the same routes, test ids
 * and injections, because it is the same code).
 */

const IMPORT = /^import\s+(?:\{([^}]*)\}|\*\s+as\s+(\w+))\s+from\s+'\.\/([\w-]+\.js)';\s*$/gm;
const EXPORT = /^export\s+(?:async\s+)?(?:function|const|let|class)\s+(\w+)/gm;

const moduleVar = (file: string): string => `__${file.replace(/\W/g, '_')}`;

interface ParsedModule {
  deps: string[];
  body: string;
}

/**
 * A module of `assets/` as a block of a classic bundle: its imports become reads of the modules
 * before it, its exports the object it returns. Enough for the page's own modules, which import
 * only each other, by relative name, with named or namespace imports.
 */
function parseModule(source: string): ParsedModule {
  const deps: string[] = [];
  const exports: string[] = [];
  let body = source.replace(IMPORT, (_line, named: string | undefined, namespace: string | undefined, file: string) => {
    deps.push(file);
    if (namespace) return `const ${namespace} = ${moduleVar(file)};`;
    const bindings = named!.split(',').map((b) => b.trim()).filter(Boolean).map((b) => b.replace(/\s+as\s+/, ': '));
    return `const { ${bindings.join(', ')} } = ${moduleVar(file)};`;
  });
  body = body.replace(EXPORT, (line, name: string) => {
    exports.push(name);
    return line.replace(/^export\s+/, '');
  });
  return { deps, body: `${body}\nreturn { ${exports.join(', ')} };` };
}

/** The entry module and everything it imports, dependencies first, as one module script's text. */
export function bundle(entry: string, assets: Map<string, Asset>): string {
  const ordered: string[] = [];
  const parsed = new Map<string, ParsedModule>();
  const visit = (file: string, depth: number): void => {
    if (parsed.has(file)) return;
    if (depth > 20) throw new Error(`fast-page: imports of ${entry} nest deeper than 20`);
    const asset = assets.get(`/assets/${file}`);
    if (!asset) throw new Error(`fast-page: ${entry} imports ${file}, which is not an asset`);
    const module = parseModule(asset.body.toString('utf8'));
    parsed.set(file, module);
    for (const dep of module.deps) visit(dep, depth + 1);
    ordered.push(file);
  };
  visit(entry, 0);
  return ordered.map((file) => `const ${moduleVar(file)} = (() => {\n${parsed.get(file)!.body}\n})();`).join('\n');
}

/** Nothing inside may end the element early. */
const safeInline = (text: string): string => text.replace(/<\/(script|style)/gi, '<\\/$1');

/**
 * Replaces the page's stylesheet, favicon and module script by inline copies; each entry's
 * bundle is made once, on its first page.
 */
export function fastPageInliner(assets: Map<string, Asset>): (html: string) => string {
  const css = safeInline(assets.get('/assets/app.css')?.body.toString('utf8') ?? '');
  const bundles = new Map<string, string>();
  const bundleOf = (file: string): string => {
    let text = bundles.get(file);
    if (text === undefined) bundles.set(file, (text = safeInline(bundle(file, assets))));
    return text;
  };
  return (html) =>
    html
      .replace(/<link rel="icon"[^>]*>/, '<link rel="icon" href="data:,">')
      .replace('<link rel="stylesheet" href="/assets/app.css">', () => `<style>${css}</style>`)
      .replace(/<script type="module" src="\/assets\/([\w-]+\.js)"><\/script>/, (_tag, file: string) => `<script type="module">${bundleOf(file)}</script>`);
}
