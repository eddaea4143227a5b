import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { load } from 'js-yaml';

/**
 * Checks for electron-builder.yml: electron-builder's own JSON schema (so a misspelled or misplaced key
 * fails here, not on a release machine) and the packaging rules the architecture sets (fuses, asar,
 * what ships, minimal entitlements, per-user installer). Used by build/electron-builder-config.test.ts.
 */

export type BuilderConfig = Record<string, unknown>;

export const root = join(import.meta.dirname, '..');

/** The project's configuration, parsed with the YAML library electron-builder itself uses. */
export function loadBuilderConfig(file = join(root, 'electron-builder.yml')): BuilderConfig {
  const parsed = load(readFileSync(file, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file}: not a mapping`);
  }
  return parsed as BuilderConfig;
}

const require = createRequire(import.meta.url);

/** The schema shipped with the installed app-builder-lib (electron-builder's core). */
export function builderSchemaPath(): string {
  return join(dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json');
}

let validate: ReturnType<Ajv['compile']> | undefined;

/**
 * Validates against scheme.json (draft-07) the way electron-builder does (`allErrors`, non-strict
 * schema keywords), but without its `coerceTypes`: a string where a boolean belongs is an error here.
 */
export function schemaErrors(config: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(builderSchemaPath(), 'utf8')) as { $schema?: string };
    if (schema.$schema !== 'http://json-schema.org/draft-07/schema#') {
      throw new Error(`unexpected schema dialect ${schema.$schema}: update the validator`);
    }
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  if (validate(config)) return [];
  return (validate.errors ?? []).map(formatError);
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  const extra = error.keyword === 'additionalProperties' ? ` '${error.params.additionalProperty}'` : '';
  return `${where} ${error.message}${extra}`;
}

/** Fuse values required by docs/architecture.md (invariant 5) and docs/electron.md. */
export const REQUIRED_FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // Pages are served from app://, so file:// needs no privileges beyond a browser's.
  grantFileProtocolExtraPrivileges: false,
};

/** The only `files` patterns allowed: the built output and the manifest, minus source maps. */
export const ALLOWED_FILE_PATTERNS: readonly string[] = ['out/**/*', 'out/**', 'package.json'];
export const REQUIRED_FILE_EXCLUSIONS: readonly string[] = ['!**/*.map'];

/** Hardened-runtime exceptions an Electron 45 app may have; anything else must be argued for here. */
export const ALLOWED_ENTITLEMENTS: readonly string[] = ['com.apple.security.cs.allow-jit'];
export const REQUIRED_ENTITLEMENTS: readonly string[] = ['com.apple.security.cs.allow-jit'];

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Every packaging rule this project keeps beyond the schema. Returns human-readable problems. */
export function policyErrors(config: BuilderConfig, projectDir = root): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);

  if (config.asar !== true) fail('asar must be true (the integrity fuse only covers app.asar)');
  if (config.asarUnpack !== undefined) fail('asarUnpack: unpacked files escape asar integrity checks');
  for (const key of ['extraResources', 'extraFiles', 'extraMetadata', 'electronDist'] as const) {
    if (config[key] !== undefined) fail(`${key} must not be set: only out/** and package.json ship`);
  }

  const files = config.files;
  if (!Array.isArray(files) || files.some((f) => typeof f !== 'string')) {
    fail('files must be a list of glob strings');
  } else {
    const patterns = files as string[];
    for (const p of patterns) {
      if (!p.startsWith('!') && !ALLOWED_FILE_PATTERNS.includes(p)) {
        fail(
          `files: '${p}' would ship something besides the built output (allowed: ${ALLOWED_FILE_PATTERNS})`,
        );
      }
    }
    for (const p of REQUIRED_FILE_EXCLUSIONS) {
      if (!patterns.includes(p)) fail(`files: '${p}' missing`);
    }
    if (!patterns.some((p) => p.startsWith('out/'))) fail('files: the built output (out/**) is missing');
    if (!patterns.includes('package.json')) fail('files: package.json is missing');
  }

  const fuses = record(config.electronFuses);
  if (config.electronFuses === undefined) fail('electronFuses missing');
  for (const [fuse, wanted] of Object.entries(REQUIRED_FUSES)) {
    if (fuses[fuse] !== wanted) fail(`electronFuses.${fuse} must be ${wanted}, is ${String(fuses[fuse])}`);
  }

  const mac = record(config.mac);
  if (mac.hardenedRuntime !== true) fail('mac.hardenedRuntime must be true (notarization requires it)');
  if (mac.notarize === false) fail('mac.notarize must not be false');
  for (const key of ['entitlements', 'entitlementsInherit'] as const) {
    const file = mac[key];
    if (typeof file !== 'string') {
      fail(`mac.${key} must name a file (electron-builder's fallback grants too much)`);
      continue;
    }
    let keys: string[];
    try {
      keys = plistTrueKeys(readFileSync(join(projectDir, file), 'utf8'));
    } catch (error) {
      fail(`mac.${key}: ${(error as Error).message}`);
      continue;
    }
    for (const k of keys)
      if (!ALLOWED_ENTITLEMENTS.includes(k)) fail(`${file}: entitlement ${k} not allowed`);
    for (const k of REQUIRED_ENTITLEMENTS) if (!keys.includes(k)) fail(`${file}: entitlement ${k} missing`);
  }

  const nsis = record(config.nsis);
  if (nsis.perMachine !== false) fail('nsis.perMachine must be false (per-user install)');
  if (nsis.oneClick === false && nsis.allowElevation !== false) {
    fail('nsis: an assisted installer must set allowElevation: false');
  }
  if (nsis.deleteAppDataOnUninstall === true) fail('nsis.deleteAppDataOnUninstall would delete history');

  const linux = record(config.linux);
  if (typeof linux.maintainer !== 'string' || !/<[^>]+@[^>]+>/.test(linux.maintainer)) {
    fail('linux.maintainer must be "Name <email>" (the deb needs it)');
  }
  if (typeof linux.category !== 'string') fail('linux.category missing');

  for (const [section, key] of [
    ['mac', 'icon'],
    ['win', 'icon'],
    ['linux', 'icon'],
  ] as const) {
    const icon = record(config[section])[key];
    if (typeof icon !== 'string') fail(`${section}.${key} missing`);
    else {
      try {
        readFileSync(join(projectDir, icon));
      } catch {
        fail(`${section}.${key}: ${icon} does not exist`);
      }
    }
  }
  return problems;
}

/**
 * The keys of an XML property list whose root dict holds only `<key>…</key><true/>` pairs (the shape
 * of an entitlements file). Anything else — another value type, a stray element — is an error, so a
 * key cannot hide behind a form this reader skips.
 */
export function plistTrueKeys(xml: string): string[] {
  const body = xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^\s*<\?xml[^>]*\?>\s*/, '')
    .replace(/^\s*<!DOCTYPE[^>]*>\s*/, '')
    .trim();
  const dict = /^<plist version="1\.0">\s*<dict>([\s\S]*)<\/dict>\s*<\/plist>$/.exec(body);
  if (!dict) throw new Error('not a property list with one root dict');
  const inner = (dict[1] ?? '').trim();
  const keys: string[] = [];
  const pair = /^<key>([^<]+)<\/key>\s*<true\s*\/>\s*/;
  let rest = inner;
  while (rest.length > 0) {
    const m = pair.exec(rest);
    if (!m) throw new Error(`unexpected plist content near: ${rest.slice(0, 60)}`);
    keys.push((m[1] ?? '').trim());
    rest = rest.slice(m[0].length);
  }
  return keys;
}
