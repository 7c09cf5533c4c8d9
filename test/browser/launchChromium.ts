import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's build, which `.ci/system-deps` installs; playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launches Debian's Chromium headless for the browser suite. Without it the suite fails at once
 * naming the package to install, rather than timing out in Playwright's own launcher.
 */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`the browser suite needs Chromium at ${executablePath}: install Debian's package "chromium" `
      + '(apt-get install --no-install-recommends chromium, or run .ci/system-deps)');
  }
  return chromium.launch({
    executablePath,
    // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
