import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Real OpenRouter error bodies (main/services/openrouter/fixtures/real/errors, origins in SOURCES.md),
// served byte for byte by the `real-<name>` fault mode, with the HTTP status each was reported with.
// The mid-stream error object (stream-502-…) is not an HTTP body and is not listed.

const FIXTURES = resolve(import.meta.dirname, '../../main/services/openrouter/fixtures/real/errors');

export const REAL_ERROR_STATUS = {
  'provider-400-openai-json-raw': 400,
  'provider-400-crucible-json-raw': 400,
  'provider-403-openai-region': 403,
  'provider-429-sambanova-object-raw': 429,
  'provider-429-baseten-upstream-rate-limit': 429,
  'credits-402-can-only-afford': 402,
  'credits-402-key-limit-nested': 402,
  'credits-402-key-monthly-limit-zero.reconstructed': 402,
  'credits-402-never-purchased.reconstructed': 402,
  'key-403-limit-exceeded.reconstructed': 403,
  'policy-404-no-allowed-providers': 404,
  'policy-404-data-policy.reconstructed': 404,
} as const;

export type RealErrorName = keyof typeof REAL_ERROR_STATUS;

export function isRealErrorName(name: string): name is RealErrorName {
  return Object.hasOwn(REAL_ERROR_STATUS, name);
}

/** The fixture's exact text (read on each request, so an edited fixture is served at once). */
export function realErrorText(name: RealErrorName): string {
  return readFileSync(resolve(FIXTURES, `${name}.json`), 'utf8');
}
