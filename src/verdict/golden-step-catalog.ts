import type { BudgetName } from '../config/budgets';
import type { FailureClass } from '../contract/failure-classes';
import type { StepKind } from './step-guard';

/**
 * Every golden step, declared once: its title, the evidence it must leave (its kind, see
 * step-guard.ts), the budget that times it and the class of an unexpected error in it (e.g. a
 * locator timeout on the page). The specs name the step; they never repeat its mechanics.
 */
export interface GoldenStep {
  title: string;
  kind: StepKind;
  budget: BudgetName;
  failAs: FailureClass;
}

const step = (title: string, kind: StepKind, budget: BudgetName, failAs: FailureClass): GoldenStep => ({ title, kind, budget, failAs });

const health = (title: string, failAs: FailureClass = 'BACKEND_UNHEALTHY') => step(title, 'http', 'health', failAs);
const connect = (title: string) => step(title, 'wsConnect', 'wsConnect', 'WS_CLOSED_EARLY');
const run = (title: string) => step(title, 'agentRun', 'agentRun', 'AGENT_STALLED');
const signIn = (title: string) => step(title, 'token', 'token', 'AUTH_FAILED');
const page = (title: string) => step(title, 'pageLoad', 'pageLoad', 'FRONTEND_BROKEN');
const saved = (title: string) => step(title, 'http', 'api', 'CONVERSATION_NOT_SAVED');

export const STEPS = {
  // frontend and browser
  openApp: page('open the app'),
  signInAndSeeChat: page('sign in and see the chat'),
  signInAndOpenChat: page('sign in and open the chat'),
  sendOnPage: run('send a message; the agent starts, thinks, runs its tool and completes'),
  answerOnPage: step('the answer appears in the conversation', 'uiAnswer', 'eventGap', 'UI_NO_RESPONSE'),

  // auth
  authHealthy: health('auth health says healthy', 'AUTH_UNHEALTHY'),
  authConfig: step('auth config names its endpoints', 'http', 'api', 'AUTH_FAILED'),
  getToken: signIn("get a token the environment's way"),
  getTokenPair: signIn("get a token pair the environment's way"),
  tokenAccepted: step('the service accepts its own token', 'http', 'token', 'AUTH_FAILED'),

  // backend health
  backendHealthy: health('the backend says it is healthy'),
  backendReady: health('the backend says it is ready'),
  dependenciesHealthy: health('its dependencies are healthy'),
  socketServiceHealthy: health('its socket service is healthy'),

  // one user's conversation over the socket
  startConversation: step('start a conversation', 'http', 'api', 'BACKEND_UNHEALTHY'),
  connectForWelcome: connect('connect to the socket and get the welcome'),
  agentRuns: run('the agent starts, thinks, runs its tool and completes'),
  conversationSaved: saved('the conversation is saved'),

  // reconnect
  firstAnswer: run('the agent answers the first message'),
  reconnect: step('the connection drops; the user is back within the reconnect budget', 'wsConnect', 'reconnect', 'WS_CLOSED_EARLY'),
  answerAfterReconnect: run('the agent answers on the same thread after reconnecting'),
  bothRunsSaved: saved('the conversation holds both runs'),

  // many users
  crowdSignsIn: (users: number) => signIn(`${users} distinct users sign in`),
  crowdStartsConversations: step('each user starts a conversation', 'http', 'api', 'BACKEND_UNHEALTHY'),
  crowdConnects: connect('each user connects to the socket and gets the welcome'),
  crowdRuns: run('all send at once; every agent starts, thinks, runs its tool and completes, on its own socket only'),
  crowdSaved: saved("each user's conversation is saved in their own thread"),

  // unhappy paths
  forgedSignatureRefused: step('the socket refuses a token whose signature was tampered with', 'wsAnswer', 'wsConnect', 'AUTH_FAILED'),
  refreshTokenRefused: step('the socket refuses the refresh token offered as an access token', 'wsAnswer', 'wsConnect', 'AUTH_FAILED'),
  twoUsersSignIn: signIn('two distinct users sign in'),
  ownerStartsConversation: step('the owner starts a conversation', 'http', 'api', 'BACKEND_UNHEALTHY'),
  otherUserConnects: connect('the other user connects to the socket and gets the welcome'),
  foreignMessageRefused: step("the other user's message on the owner's thread is refused with Access denied", 'wsAnswer', 'firstEvent', 'ISOLATION_BREACH'),
  foreignReadRefused: step("the other user cannot read the owner's thread (404 or 403)", 'http', 'api', 'ISOLATION_BREACH'),
  ownerThreadClean: step("the owner's thread holds nothing of the other user", 'http', 'api', 'ISOLATION_BREACH'),
  invalidJsonKeepsSocket: step('an invalid JSON frame does not close the socket', 'wsAnswer', 'firstEvent', 'WS_CLOSED_EARLY'),
  runAfterInvalidJson: run('the same socket still runs the agent to completion'),
} as const;
