/**
 * Contract section 5: a chat page that cannot reach its own platform is not ready. The page's
 * calls to the environment's auth and backend origins and its socket must not be refused by
 * the browser (Content-Security-Policy, CORS, mixed content) or fail at the network level.
 * Chromium tells each in its own way (measured through Playwright): a CSP refusal makes no
 * request at all, only a `securitypolicyviolation` event and a console error; a CORS rejection
 * is a failed request (`net::ERR_FAILED`) whose reason only the console names; a network
 * failure is a failed request with its `net::ERR_…`. Pure: the page object feeds these.
 */
export interface PlatformRefusal {
  url: string;
  reason: string;
}

/** `http(s)://host[:port]` of any URL, with `ws(s):` read as `http(s):` (one origin per service). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    const protocol = u.protocol === 'wss:' ? 'https:' : u.protocol === 'ws:' ? 'http:' : u.protocol;
    return `${protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

export class PlatformOrigins {
  private readonly origins: ReadonlySet<string>;

  /** The auth service, the backend and the socket (the frontend's own assets are judged apart). */
  constructor(urls: readonly string[]) {
    this.origins = new Set(urls.map(originOf).filter((o): o is string => !!o));
  }

  has(url: string): boolean {
    const origin = originOf(url);
    return !!origin && this.origins.has(origin);
  }

  /** A `securitypolicyviolation` event the page's document reported. */
  fromViolation(v: { blockedURI: string; violatedDirective: string }): PlatformRefusal | undefined {
    if (!this.has(v.blockedURI)) return undefined;
    return { url: v.blockedURI, reason: `refused by the page's Content-Security-Policy (${v.violatedDirective})` };
  }

  /** A console error in which the browser names a refused call. */
  fromConsole(text: string): PlatformRefusal | undefined {
    for (const [pattern, reason] of CONSOLE_REFUSALS) {
      const m = text.match(pattern);
      if (m?.[1] && this.has(m[1])) return { url: m[1], reason: reason(m) };
    }
    return undefined;
  }

  /** A request that got no response. Aborted by a navigation, or blocked by the suite itself (third parties), is not a refusal. */
  fromFailedRequest(url: string, errorText: string | undefined): PlatformRefusal | undefined {
    if (!this.has(url) || IGNORED_FAILURES.has(errorText ?? '')) return undefined;
    return { url, reason: `failed at the network level: ${errorText ?? 'no answer'}` };
  }
}

const IGNORED_FAILURES = new Set(['net::ERR_ABORTED', 'net::ERR_BLOCKED_BY_CLIENT']);

const CONSOLE_REFUSALS: readonly (readonly [RegExp, (m: RegExpMatchArray) => string])[] = [
  [/(?:Connecting to|Refused to connect to) '([^']+)'.*Content Security Policy directive: "([^"]+)"/, (m) => `refused by the page's Content-Security-Policy ("${m[2]}")`],
  [/Access to \w+ at '([^']+)' from origin '[^']+' has been blocked by CORS policy: (.*)/, (m) => `blocked by CORS policy: ${m[2]}`],
  [/Mixed Content: .*? requested an insecure [^']*'([^']+)'\. (.*)/, (m) => `blocked as mixed content: ${m[2]}`],
];

export function describeRefusals(refusals: readonly PlatformRefusal[]): string {
  const seen = new Set<string>();
  const unique = refusals.filter((r) => !seen.has(`${r.url} ${r.reason}`) && seen.add(`${r.url} ${r.reason}`));
  return unique.map((r) => `${r.url} (${r.reason})`).join('; ');
}
