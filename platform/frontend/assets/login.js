import { config } from './config.js';
import { storeTokens } from './session.js';

const loading = document.getElementById('login-loading');
const errorBox = document.getElementById('login-error');
const devLogin = document.getElementById('dev-login');
const devButton = devLogin.querySelector('button');
const form = document.getElementById('login-form');

function showError(text) {
  errorBox.textContent = text;
  errorBox.hidden = false;
}

/** Both login answers carry `access_token` and `refresh_token` (contract section 3). */
function signedIn(body) {
  const token = body.access_token ?? body.token;
  if (typeof token !== 'string' || token === '') throw new Error('the auth service answered without an access token');
  storeTokens(token, body.refresh_token ?? null);
  location.assign('/chat');
}

async function postJson(path, body) {
  const res = await fetch(`${config.authUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  let parsed = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  return { status: res.status, ok: res.ok, body: parsed };
}

function detailText(body) {
  const detail = body?.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return detail.map((d) => d?.msg ?? JSON.stringify(d)).join('; ');
  return null;
}

// The dev button exists only when the auth service says development_mode (contract section 5).
async function loadAuthConfig() {
  try {
    const res = await fetch(`${config.authUrl}/auth/config`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const authConfig = await res.json();
    devLogin.hidden = authConfig.development_mode !== true;
  } catch (error) {
    showError(`Could not load the sign-in options from the auth service (${error.message}).`);
  } finally {
    loading.hidden = true;
  }
}

devButton.addEventListener('click', async () => {
  devButton.disabled = true;
  errorBox.hidden = true;
  try {
    const res = await postJson('/auth/dev/login', {});
    if (!res.ok) throw new Error(detailText(res.body) ?? `HTTP ${res.status}`);
    signedIn(res.body);
  } catch (error) {
    showError(`Quick Dev Login failed: ${error.message}`);
    devButton.disabled = false;
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const submit = form.querySelector('button[type="submit"]');
  const email = form.elements.namedItem('email').value.trim();
  const password = form.elements.namedItem('password').value;
  errorBox.hidden = true;
  if (!email || !password) {
    showError('Enter your email and password.');
    return;
  }
  submit.disabled = true;
  try {
    const res = await postJson('/auth/login', { email, password });
    if (res.status === 401) throw new Error(detailText(res.body) ?? 'Invalid credentials');
    if (!res.ok) throw new Error(`Sign-in failed: ${detailText(res.body) ?? `HTTP ${res.status}`}`);
    signedIn(res.body);
  } catch (error) {
    showError(error instanceof TypeError ? `Could not reach the auth service (${error.message}).` : error.message);
    submit.disabled = false;
  }
});

loadAuthConfig();
