// The service URLs come from the page's own server, written into the page per request
// (contract section 1: every URL is configuration, never a literal).
const element = document.getElementById('netra-config');
if (!element || !element.textContent) throw new Error('the page has no #netra-config block');

/** @type {{ authUrl: string, backendUrl: string, wsUrl: string, completionDisplay: 'answer' | 'summary', variant: 'reference' | 'contract-only' }} */
export const config = JSON.parse(element.textContent);
