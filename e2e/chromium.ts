import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * How every test and benchmark launches Chromium. Debian's Chromium where present (this machine and
 * CI cannot download Playwright's browsers; `SWITCHBOARD_CHROMIUM` overrides, empty = Playwright's
 * own). The flags: root needs --no-sandbox; the others stop background traffic, which this closed
 * network refuses noisily.
 */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export function chromiumLaunchOptions(extraArgs: readonly string[] = []): LaunchOptions {
  const fromEnv = process.env.SWITCHBOARD_CHROMIUM;
  const executablePath = fromEnv ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  };
}
