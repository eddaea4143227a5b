import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BuilderConfig,
  loadBuilderConfig,
  plistTrueKeys,
  policyErrors,
  REQUIRED_FUSES,
  root,
  schemaErrors,
} from '../scripts/builder-config';

const config = loadBuilderConfig();

type Editable = BuilderConfig &
  Record<'mac' | 'win' | 'linux' | 'nsis' | 'electronFuses', Record<string, unknown>>;

/** A deep copy of the real configuration with one change applied. */
function variant(change: (c: Editable) => void): BuilderConfig {
  const copy = structuredClone(config) as Editable;
  change(copy);
  return copy;
}

describe('electron-builder.yml against electron-builder’s schema', () => {
  it('is valid', () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it('rejects a misspelled key, a misplaced key and a wrongly typed value', () => {
    expect(schemaErrors({ ...config, electronFuse: config.electronFuses })).toContain(
      "(root) must NOT have additional properties 'electronFuse'",
    );
    expect(
      schemaErrors(
        variant((c) => {
          c.mac.hardenedRuntme = true;
        }),
      ),
    ).toContain("/mac must NOT have additional properties 'hardenedRuntme'");
    expect(
      schemaErrors(
        variant((c) => {
          c.electronFuses.runAsNode = 'false';
        }),
      ),
    ).toContain('/electronFuses/runAsNode must be boolean');
    expect(
      schemaErrors(
        variant((c) => {
          c.nsis.oneclick = true;
        }),
      ).length,
    ).toBeGreaterThan(0);
  });

  it('is also accepted by electron-builder’s own validator (same schema, its ajv settings)', async () => {
    // Internal module of the pinned app-builder-lib; if an upgrade moves it, update the path.
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false)),
    ).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...structuredClone(config), electronFuse: {} }, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'electronFuse'/);
  });
});

describe('electron-builder.yml packaging policy', () => {
  it('holds', () => {
    expect(policyErrors(config)).toEqual([]);
  });

  it('flips every fuse the architecture requires', () => {
    const fuses = config.electronFuses as Record<string, unknown>;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    for (const [fuse, wanted] of Object.entries(REQUIRED_FUSES)) expect(fuses[fuse], fuse).toBe(wanted);
  });

  it.each(Object.entries(REQUIRED_FUSES))('rejects %s set the wrong way or left out', (fuse, wanted) => {
    expect(
      policyErrors(
        variant((c) => {
          c.electronFuses[fuse] = !wanted;
        }),
      ),
    ).toContain(`electronFuses.${fuse} must be ${wanted}, is ${!wanted}`);
    expect(
      policyErrors(
        variant((c) => {
          delete c.electronFuses[fuse];
        }),
      ),
    ).toContain(`electronFuses.${fuse} must be ${wanted}, is undefined`);
  });

  it('ships only the built output and package.json, in one asar, without source maps', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**/*', 'package.json', '!**/*.map']);
    const problems = (files: unknown[]) =>
      policyErrors(
        variant((c) => {
          c.files = files;
        }),
      );
    expect(problems(['out/**/*', 'package.json', '!**/*.map', 'main/**/*'])).toContain(
      "files: 'main/**/*' would ship something besides the built output (allowed: out/**/*,out/**,package.json)",
    );
    expect(problems(['**/*', '!**/*.map']).length).toBeGreaterThan(0);
    expect(problems(['out/**/*', 'package.json'])).toContain("files: '!**/*.map' missing");
    expect(problems([{ from: 'src', to: '.' }]).length).toBeGreaterThan(0);
    expect(
      policyErrors(
        variant((c) => {
          c.asar = false;
        }),
      ),
    ).toContain('asar must be true (the integrity fuse only covers app.asar)');
    expect(
      policyErrors(
        variant((c) => {
          c.asarUnpack = ['out/main/**'];
        }),
      ).length,
    ).toBe(1);
    expect(
      policyErrors(
        variant((c) => {
          c.extraResources = ['e2e/**'];
        }),
      ).length,
    ).toBe(1);
  });

  it('signs macOS builds with the hardened runtime and minimal entitlements, notarizing from the environment', () => {
    const mac = config.mac as Record<string, unknown>;
    expect(mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    for (const file of [mac.entitlements, mac.entitlementsInherit]) {
      expect(plistTrueKeys(readFileSync(join(root, String(file)), 'utf8'))).toEqual([
        'com.apple.security.cs.allow-jit',
      ]);
    }
    expect(
      policyErrors(
        variant((c) => {
          delete c.mac.entitlementsInherit;
        }),
      ),
    ).toContain("mac.entitlementsInherit must name a file (electron-builder's fallback grants too much)");
    expect(
      policyErrors(
        variant((c) => {
          c.mac.hardenedRuntime = false;
        }),
      ),
    ).toContain('mac.hardenedRuntime must be true (notarization requires it)');
  });

  it('reads entitlements strictly', () => {
    const plist = (inner: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>${inner}</dict>\n</plist>\n`;
    expect(plistTrueKeys(plist('<!-- c --><key>a</key><true/>\n<key>b</key> <true/>'))).toEqual(['a', 'b']);
    expect(() => plistTrueKeys(plist('<key>a</key><false/>'))).toThrow(/unexpected plist content/);
    expect(() => plistTrueKeys(plist('<key>a</key><string>x</string>'))).toThrow(/unexpected plist content/);
    expect(() => plistTrueKeys('<plist version="1.0"><array/></plist>')).toThrow(/one root dict/);
    const wide = plist(
      '<key>com.apple.security.cs.allow-jit</key><true/><key>com.apple.security.cs.disable-library-validation</key><true/>',
    );
    expect(plistTrueKeys(wide)).toContain('com.apple.security.cs.disable-library-validation');
  });

  it('installs per user on Windows, keeps user data on uninstall', () => {
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, deleteAppDataOnUninstall: false });
    expect(
      policyErrors(
        variant((c) => {
          c.nsis.perMachine = true;
        }),
      ),
    ).toContain('nsis.perMachine must be false (per-user install)');
    expect(
      policyErrors(
        variant((c) => {
          c.nsis.oneClick = false;
        }),
      ),
    ).toContain('nsis: an assisted installer must set allowElevation: false');
  });

  it('builds dmg+zip, nsis, AppImage+deb with the generated icons; updates from GitHub Releases', () => {
    expect(config).toMatchObject({
      mac: { target: ['dmg', 'zip'], icon: 'build/icon.icns' },
      win: { target: ['nsis'], icon: 'build/icon.ico' },
      linux: { target: ['AppImage', 'deb'], icon: 'build/icon.png', category: 'Utility' },
      // Issue 20: electron-updater's feed; owner and repo come from package.json at build time.
      publish: { provider: 'github' },
      directories: { output: 'dist', buildResources: 'build' },
    });
    // Exactly: no token in the app, no owner or repo that could name a look-alike repository.
    expect(config.publish).toEqual({ provider: 'github' });
    expect(
      policyErrors(
        variant((c) => {
          c.win.icon = 'build/missing.ico';
        }),
      ),
    ).toContain('win.icon: build/missing.ico does not exist');
  });

  it('package.json builds it with `npm run dist`, never publishing', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.dist).toMatch(
      /^electron-vite build && electron-builder --config electron-builder\.yml/,
    );
    expect(pkg.scripts.dist).toContain('--publish never');
    // The entry point is inside what ships.
    expect(pkg.main.startsWith('out/')).toBe(true);
  });
});
