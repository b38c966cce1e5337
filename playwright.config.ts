import { defineConfig, devices } from '@playwright/test';

// The browser suite: Debian's Chromium (never `npx playwright install`; CHROMIUM_PATH overrides the
// path) against the real service started by web/e2e/global-setup.ts on a fresh database.
// Screenshots of every page go to test-artefacts/screenshots (git-ignored).
export default defineConfig({
  testDir: 'web/e2e',
  outputDir: 'test-artefacts/playwright',
  globalSetup: './web/e2e/global-setup.ts',
  // One service and one database for the run; the tests share them, each making its own records.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { outputFolder: 'test-artefacts/report', open: 'never' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    timezoneId: 'Europe/Warsaw',
    locale: 'en-GB',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
  },
});
