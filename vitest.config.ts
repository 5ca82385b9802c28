import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{contract,edge,gateway,server,simulators,dashboard,test}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dashboard/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
