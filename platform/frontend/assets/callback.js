import { takeTokensFromUrl } from './session.js';

// The OAuth callback hands over `?token=&refresh=`: store, strip from the URL, go to the chat
// (contract section 5: one of the injections that works on the real frontend).
if (takeTokensFromUrl()) {
  location.replace('/chat');
} else {
  const params = new URLSearchParams(location.search);
  const status = document.getElementById('callback-status');
  const error = document.getElementById('callback-error');
  status.hidden = true;
  error.textContent = `Sign-in failed: ${params.get('error') ?? 'the callback carried no token'}. `;
  const link = document.createElement('a');
  link.href = '/login';
  link.textContent = 'Back to sign in';
  error.append(link);
  error.hidden = false;
}
