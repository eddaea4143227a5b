/**
 * Settings read once by main at launch, from the environment or the command line, never from the
 * renderer: where OpenRouter is (tests and corporate proxies point it elsewhere) and where user data lives.
 */
import type launchMessages from '../../common/i18n/messages/launch/en.json';
import { ENGLISH_TEXT } from '../services/i18n/catalog-intl';
import { BaseUrlError, type BaseUrlProblem, parseBaseUrl } from './base-url';

export const DEFAULT_OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

export const ENV_BASE_URL = 'SWITCHBOARD_OPENROUTER_BASE_URL';
export const ENV_USER_DATA = 'SWITCHBOARD_USER_DATA_DIR';
export const FLAG_BASE_URL = '--openrouter-base-url';
export const FLAG_USER_DATA = '--switchboard-user-data';

export interface LaunchConfig {
  /** Without trailing slash, e.g. `https://openrouter.ai/api/v1`. */
  openRouterBaseUrl: string;
  /** Absolute directory, or null for the platform default. */
  userDataDir: string | null;
  /**
   * Lines for main's log, written once the logger exists (this runs before it does), e.g. why a
   * setting was ignored. Never contain a setting's value.
   */
  notices: string[];
}

export interface LaunchOptions {
  /**
   * `app.isPackaged`. A packaged build takes a non-default base URL only from its command line: the
   * environment is inherited from whatever started the app, and same-user software can set it
   * persistently for every app (`launchctl setenv` on macOS, a login script, the registry on
   * Windows). The stored key is bound to the origin it was verified against either way (see
   * main/services/vault); this removes the silent lever. Development and test builds keep the
   * variable: the test suites and `npm start` against the emulator rely on it.
   */
  isPackaged?: boolean;
}

/** A launch message (area `launch`): its id, checked against the English catalog, and its values. */
export interface LaunchMessage {
  id: keyof typeof launchMessages;
  values?: Readonly<Record<string, string | number>>;
}

/**
 * A launch setting main cannot use. `message` is English (logs); `text` is the catalog message the
 * error box words in the system's language (main/electron/launch-text.ts), as it does the box's title.
 */
export class LaunchConfigError extends Error {
  override name = 'LaunchConfigError';
  readonly text: LaunchMessage;
  constructor(text: LaunchMessage) {
    super(ENGLISH_TEXT.message(text.id, text.values));
    this.text = text;
  }
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === flag) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/** What the person who set the variable or flag is told, per broken rule. */
const BASE_URL_PROBLEMS: Readonly<Record<BaseUrlProblem, (raw: string) => LaunchMessage>> = {
  not_a_url: (raw) => ({ id: 'launch.baseUrlNotUrl', values: { variable: ENV_BASE_URL, value: raw } }),
  not_https: () => ({ id: 'launch.baseUrlNotHttps', values: { variable: ENV_BASE_URL } }),
  has_extras: () => ({ id: 'launch.baseUrlHasExtras', values: { variable: ENV_BASE_URL } }),
};

/** The base URL as main passes it on: the one rule of main/config/base-url.ts, without a trailing slash. */
function launchBaseUrl(raw: string): string {
  try {
    return parseBaseUrl(raw).href.replace(/\/+$/, '');
  } catch (error) {
    if (error instanceof BaseUrlError) throw new LaunchConfigError(BASE_URL_PROBLEMS[error.problem](raw));
    throw error;
  }
}

export const ENV_BASE_URL_IGNORED_NOTICE = `${ENV_BASE_URL} is set in the environment but ignored: a packaged Switchboard takes another OpenRouter base URL only from its command line (${FLAG_BASE_URL}=URL).`;

export function readLaunchConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
  isAbsolute: (p: string) => boolean,
  options: LaunchOptions = {},
): LaunchConfig {
  const notices: string[] = [];
  const envBase = env[ENV_BASE_URL];
  const usableEnvBase = options.isPackaged ? undefined : envBase;
  if (options.isPackaged && envBase !== undefined) notices.push(ENV_BASE_URL_IGNORED_NOTICE);
  const rawBase = flagValue(argv, FLAG_BASE_URL) ?? usableEnvBase ?? DEFAULT_OPENROUTER_BASE_URL;
  const rawData = flagValue(argv, FLAG_USER_DATA) ?? env[ENV_USER_DATA];
  if (rawData !== undefined && !isAbsolute(rawData)) {
    throw new LaunchConfigError({ id: 'launch.userDataNotAbsolute', values: { variable: ENV_USER_DATA } });
  }
  return { openRouterBaseUrl: launchBaseUrl(rawBase), userDataDir: rawData ?? null, notices };
}
