import { STEPS, test } from '../../fixtures';

// Health is not readiness: a green /health proves nothing about the socket, so the socket
// stages run whatever this one says (contract section 2).
test('the backend is healthy, ready and its socket is up', async ({ golden, backend }) => {
  await golden.step(STEPS.backendHealthy, () =>
    backend.expectHealthy('/health'),
  );

  await golden.step(STEPS.backendReady, () =>
    backend.expectHealthy('/health/ready'),
  );

  await golden.step(STEPS.dependenciesHealthy, () =>
    backend.expectHealthy('/api/health'),
  );

  await golden.step(STEPS.socketServiceHealthy, () =>
    backend.expectHealthy('/ws/health'),
  );
});
