/**
 * Allure's Awesome report page loads Google Analytics from googletagmanager.com whenever it is
 * opened (the template enables it unconditionally in 3.18). A golden-path report is opened on
 * release tickets and inside company networks: it should call nobody. This removes the loader
 * and its configuration block and nothing else; the report works the same offline.
 */
const LOADER = /\s*<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>/;
const CONFIG = /\s*<script>\s*window\.dataLayer = window\.dataLayer \|\| \[\];[\s\S]*?<\/script>/;

export function withoutAnalytics(html: string): string {
  return html.replace(LOADER, '').replace(CONFIG, '');
}
