import { defineConfig } from 'vitest/config';

// Vitest's defaults, as a starter repository would ship them; only the cache stays inside the
// student's folder, since node_modules is shared (symlinked) between the benchmark's submissions.
export default defineConfig({
  cacheDir: '.vitest-cache',
  test: { include: ['tests/**/*.test.ts'] },
});
