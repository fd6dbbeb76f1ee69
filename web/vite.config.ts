import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium.js';

// `npm run dev`: the API the dev server forwards /graphql (HTTP and WebSocket) and /api to, so
// the browser sees one origin as it does behind server.js in production.
const API_URL = process.env.API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [sveltekit({ adapter: adapter() })],
  // SHOPFLOOR_NO_MINIFY=1: readable function names in CPU profiles (bench:web's BENCH_WEB_PROFILE).
  build: { minify: process.env.SHOPFLOOR_NO_MINIFY !== '1' },
  server: {
    proxy: {
      '/graphql': { target: API_URL, ws: true, xfwd: true },
      '/api': { target: API_URL, xfwd: true },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'component',
          include: ['src/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
