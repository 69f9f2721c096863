import { test } from '../../fixtures';

// Health is not readiness: a green /health proves nothing about the socket, so the socket
// stages run whatever this one says (contract section 2).
test('the backend is healthy, ready and its socket is up', async ({ golden, backend }) => {
  await golden.step('the backend says it is healthy', { kind: 'http', budget: 'health', failAs: 'BACKEND_UNHEALTHY' }, () =>
    backend.expectHealthy('/health'),
  );

  await golden.step('the backend says it is ready', { kind: 'http', budget: 'health', failAs: 'BACKEND_UNHEALTHY' }, () =>
    backend.expectHealthy('/health/ready'),
  );

  await golden.step('its dependencies are healthy', { kind: 'http', budget: 'health', failAs: 'BACKEND_UNHEALTHY' }, () =>
    backend.expectHealthy('/api/health'),
  );

  await golden.step('its socket service is healthy', { kind: 'http', budget: 'health', failAs: 'BACKEND_UNHEALTHY' }, () =>
    backend.expectHealthy('/ws/health'),
  );
});
