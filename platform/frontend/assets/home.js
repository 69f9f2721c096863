import { readSession } from './session.js';

// `/` sends the user on: to the chat with a session, to the login without (contract section 5).
location.replace(readSession() ? '/chat' : '/login');
