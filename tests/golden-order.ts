/**
 * The order in which the golden tests start: Playwright hands tests to free workers in the order
 * it collects them, alphabetically by file unless a list like this one is the test file
 * (playwright.config.ts). Longest first, so that the run ends on short tests instead of waiting
 * for a long one that started last: the reconnect test holds two agent runs in a row (on a real
 * model about 30 s, twice any other test), then the tests that launch a browser or run the agent,
 * then the quick HTTP and socket checks. Stages still come from each spec's folder.
 * src/config/golden-order.test.ts fails when a spec under tests/ is missing here.
 */
import './users/reconnect.spec';
import './browser/chat.spec';
import './frontend/frontend.spec';
import './socket/chat-flow.spec';
import './users/multi-user.spec';
import './unhappy/malformed-frame.spec';
import './unhappy/thread-access.spec';
import './unhappy/socket-auth.spec';
import './health/health.spec';
import './auth/auth.spec';
