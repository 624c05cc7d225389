// Headless Debian Chromium for the scripts that drive code-server (e2e.mjs, capture-channels.mjs).
// Env: CHROMIUM (the browser, default /usr/bin/chromium), CHROME_TMP (where its profile goes).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Launches Chromium with a fresh profile; every step waits at most stepMs. close() quits it and removes the profile. */
export async function launch(stepMs) {
  const profile = fs.mkdtempSync(path.join(process.env.CHROME_TMP ?? os.tmpdir(), 'chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
  browser.setDefaultTimeout(stepMs);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const close = async () => {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { page, close };
}
