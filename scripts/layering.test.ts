import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering and file-name rules live in biome.json (noRestrictedImports per folder, noCommonJs so
 * require() cannot go around it, useFilenamingConvention), so `npm run lint` fails on a wrong import. This test proves the rules
 * bite and do not over-reach: it lints probe files, each placed where a real file would sit, with the
 * repository's own biome.json and Biome binary, and expects exactly the rule named for each probe.
 *
 * The probes go into a scratch directory holding a copy of biome.json (and .gitignore, which the
 * config reads), not into the working tree: other tools (tsc, vitest, biome) running over the tree
 * at the same moment would otherwise pick them up. Biome matches the overrides by path relative to
 * the configuration file, so a probe at `<scratch>/main/services/x.ts` is linted as
 * `main/services/x.ts` would be.
 */

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIOME = join(REPO, 'node_modules', '.bin', 'biome');

type Expected = 'noRestrictedImports' | 'noCommonJs' | 'useFilenamingConvention' | 'clean';
const RULES_UNDER_TEST = [
  'lint/style/noRestrictedImports',
  'lint/style/noCommonJs',
  'lint/style/useFilenamingConvention',
];
interface Probe {
  file: string;
  source: string;
  expected: Expected;
}

const uses = (specifier: string) => `import * as probe from '${specifier}';\nexport const used = probe;\n`;
const usesType = (name: string, specifier: string) =>
  `import type { ${name} } from '${specifier}';\nexport type Used = ${name};\n`;

const PROBES: Probe[] = [
  // Services and the rest of main's plain-TypeScript folders never import electron (values or types).
  { file: 'main/services/electron-probe.ts', source: uses('electron'), expected: 'noRestrictedImports' },
  {
    file: 'main/services/history/electron-type-probe.ts',
    source: usesType('App', 'electron'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'main/services/chat/electron-dynamic-probe.ts',
    source: "export const loaded = import('electron');\n",
    expected: 'noRestrictedImports',
  },
  { file: 'main/ipc/electron-probe.ts', source: uses('electron/main'), expected: 'noRestrictedImports' },
  { file: 'main/app/electron-probe.ts', source: uses('electron'), expected: 'noRestrictedImports' },
  { file: 'main/config/electron-probe.ts', source: uses('electron'), expected: 'noRestrictedImports' },
  { file: 'main/protocol/electron-probe.ts', source: uses('electron'), expected: 'noRestrictedImports' },
  { file: 'main/services/electron-probe.test.ts', source: uses('electron'), expected: 'noRestrictedImports' },
  { file: 'common/electron-probe.ts', source: uses('electron'), expected: 'noRestrictedImports' },
  // noRestrictedImports does not see require(), so these folders are ESM-only.
  {
    file: 'main/services/require-probe.ts',
    source: "export const loaded = require('electron');\n",
    expected: 'noCommonJs',
  },
  {
    file: 'renderer/src/require-probe.ts',
    source: "export const loaded = require('../../main/index');\n",
    expected: 'noCommonJs',
  },
  // The thin glue is where electron belongs.
  { file: 'main/electron/electron-probe.ts', source: uses('electron'), expected: 'clean' },
  { file: 'main/index-probe.ts', source: uses('electron'), expected: 'clean' },
  // Not even Electron's types outside the glue: window options live in main/electron/.
  {
    file: 'main/app/window-types-probe.ts',
    source: usesType('WebPreferences', 'electron'),
    expected: 'noRestrictedImports',
  },

  // Production code in main/ does not reach into e2e/, at any depth; tests and testing/ folders may.
  {
    file: 'main/services/history/e2e-probe.ts',
    source: uses('../../../e2e/emulator/rng'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'main/electron/e2e-probe.ts',
    source: uses('../../e2e/emulator/server'),
    expected: 'noRestrictedImports',
  },
  { file: 'main/e2e-probe.ts', source: uses('../e2e/harness/harness'), expected: 'noRestrictedImports' },
  { file: 'main/services/e2e-probe.test.ts', source: uses('../../e2e/emulator/server'), expected: 'clean' },
  {
    file: 'main/services/testing/e2e-probe.ts',
    source: uses('../../../e2e/emulator/server'),
    expected: 'clean',
  },
  { file: 'main/electron/e2e-probe.test.ts', source: uses('../../e2e/emulator/server'), expected: 'clean' },

  // Production code never imports a test double; tests and other testing/ files may.
  {
    file: 'main/services/vault/testing-probe.ts',
    source: uses('./testing/test-cipher'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'main/electron/testing-probe.ts',
    source: uses('./testing/fake-electron'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'main/testing-probe.ts',
    source: uses('./services/log/testing/memory-logger'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'renderer/src/components/testing-probe.tsx',
    source: uses('../testing/fake-bridge'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'main/services/vault/testing-probe.test.ts',
    source: uses('./testing/test-cipher'),
    expected: 'clean',
  },
  {
    file: 'main/app/testing/testing-probe.ts',
    source: uses('../../services/vault/testing/test-cipher'),
    expected: 'clean',
  },
  { file: 'renderer/src/testing-probe.test.tsx', source: uses('./testing/fake-bridge'), expected: 'clean' },
  {
    file: 'renderer/src/testing/testing-probe.ts',
    source: uses('../testing/dom-helpers'),
    expected: 'clean',
  },

  // The renderer reaches main only through its bridge: no main/, e2e/, electron or Node built-ins.
  {
    file: 'renderer/src/components/main-probe.tsx',
    source: uses('../../../main/services/log/logger'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'renderer/src/e2e-probe.ts',
    source: uses('../../e2e/emulator/server'),
    expected: 'noRestrictedImports',
  },
  { file: 'renderer/key-entry/electron-probe.ts', source: uses('electron'), expected: 'noRestrictedImports' },
  { file: 'renderer/src/node-probe.ts', source: uses('node:fs'), expected: 'noRestrictedImports' },
  { file: 'renderer/src/node-probe.test.tsx', source: uses('fs'), expected: 'noRestrictedImports' },
  {
    file: 'common/ipc/main-probe.ts',
    source: uses('../../main/ipc/handler-table'),
    expected: 'noRestrictedImports',
  },
  { file: 'renderer/src/common-probe.ts', source: uses('../../common/chat-types'), expected: 'clean' },
  { file: 'renderer/src/react-probe.tsx', source: uses('react'), expected: 'clean' },
  { file: 'common/zod-probe.ts', source: uses('zod'), expected: 'clean' },
  // Inside the renderer: components reach main only through actions; stores never call main or actions.
  {
    file: 'renderer/src/components/bridge-probe.tsx',
    source: uses('../bridge'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'renderer/src/hooks/ipc-probe.ts',
    source: uses('../../../common/ipc/contract'),
    expected: 'noRestrictedImports',
  },
  {
    file: 'renderer/src/markdown/bridge-probe.tsx',
    source: uses('../bridge'),
    expected: 'noRestrictedImports',
  },
  { file: 'renderer/src/state/bridge-probe.ts', source: uses('../bridge'), expected: 'noRestrictedImports' },
  {
    file: 'renderer/src/state/actions-probe.ts',
    source: uses('../actions/chat-actions'),
    expected: 'noRestrictedImports',
  },
  { file: 'renderer/src/actions/bridge-probe.ts', source: uses('../bridge'), expected: 'clean' },
  {
    file: 'renderer/src/components/state-probe.tsx',
    source: uses('../state/value-store'),
    expected: 'clean',
  },
  {
    file: 'renderer/src/components/bridge-probe.test.tsx',
    source: uses('../testing/fake-bridge'),
    expected: 'clean',
  },

  // A preload imports only electron, its siblings and common/ (its tests also vitest).
  { file: 'preload/electron-probe.ts', source: uses('electron'), expected: 'clean' },
  { file: 'preload/common-probe.ts', source: uses('../common/ipc/contract'), expected: 'clean' },
  { file: 'preload/sibling-probe.ts', source: uses('./ipc-renderer-transport'), expected: 'clean' },
  { file: 'preload/vitest-probe.test.ts', source: uses('vitest'), expected: 'clean' },
  { file: 'preload/zod-probe.ts', source: uses('zod'), expected: 'noRestrictedImports' },
  {
    file: 'preload/main-probe.ts',
    source: uses('../main/ipc/handler-table'),
    expected: 'noRestrictedImports',
  },
  { file: 'preload/node-probe.ts', source: uses('node:path'), expected: 'noRestrictedImports' },

  // File names are kebab-case everywhere; dotted suffixes (.test, .emulator, .d, .config) are fine.
  {
    file: 'renderer/src/components/ProbeCard.tsx',
    source: uses('react'),
    expected: 'useFilenamingConvention',
  },
  { file: 'renderer/src/hooks/useProbe.ts', source: uses('react'), expected: 'useFilenamingConvention' },
  { file: 'main/services/probe_store.ts', source: uses('zod'), expected: 'useFilenamingConvention' },
  { file: 'e2e/harness/ProbeHarness.ts', source: uses('zod'), expected: 'useFilenamingConvention' },
  { file: 'renderer/src/components/probe-card.tsx', source: uses('react'), expected: 'clean' },
  { file: 'main/services/probe-store.emulator.test.ts', source: uses('zod'), expected: 'clean' },
  { file: 'probe.vite.config.ts', source: uses('zod'), expected: 'clean' },
  { file: 'renderer/src/probe-env.d.ts', source: usesType('ZodType', 'zod'), expected: 'clean' },
];

interface BiomeDiagnostic {
  category?: string;
  location?: { path?: string };
}

interface BiomeReport {
  summary?: { changed?: number; unchanged?: number };
  diagnostics?: BiomeDiagnostic[];
}

/** Rule categories Biome reported, by probe path (relative to the scratch directory, `/`-separated). */
let reported: Map<string, string[]>;
let filesLinted: number;
let scratch: string;

function runBiome(cwd: string, files: string[]): Promise<string> {
  return new Promise((done, fail) => {
    // Exit code 1 means "diagnostics found", which is what most probes are for; the JSON is on stdout.
    const args = ['lint', '--reporter=json', '--max-diagnostics=none', ...files];
    execFile(BIOME, args, { cwd }, (error, stdout) => {
      if (error && typeof error.code !== 'number') fail(error);
      else done(stdout);
    });
  });
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-layering-'));
  await copyFile(join(REPO, 'biome.json'), join(scratch, 'biome.json'));
  await copyFile(join(REPO, '.gitignore'), join(scratch, '.gitignore'));
  for (const probe of PROBES) {
    await mkdir(dirname(join(scratch, probe.file)), { recursive: true });
    await writeFile(join(scratch, probe.file), probe.source);
  }
  const report = JSON.parse(
    await runBiome(
      scratch,
      PROBES.map((p) => p.file),
    ),
  ) as BiomeReport;
  expect(Array.isArray(report.diagnostics), 'Biome printed a JSON report with a diagnostics list').toBe(true);
  filesLinted = (report.summary?.changed ?? 0) + (report.summary?.unchanged ?? 0);
  reported = new Map();
  for (const diagnostic of report.diagnostics ?? []) {
    const path = diagnostic.location?.path?.replaceAll('\\', '/') ?? '';
    reported.set(path, [...(reported.get(path) ?? []), diagnostic.category ?? '']);
  }
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('biome.json layering and file-name rules', () => {
  it.each(PROBES)('$file: $expected', ({ file, expected }) => {
    const categories = reported.get(file) ?? [];
    if (expected === 'clean') expect(categories).toEqual([]);
    // Only the rules under test: a bare `fs` also draws useNodejsImportProtocol, say.
    else expect(categories.filter((c) => RULES_UNDER_TEST.includes(c))).toEqual([`lint/style/${expected}`]);
  });

  it('lints every probe (none is skipped by files.includes or the ignore file)', () => {
    // A probe Biome never looked at would pass as clean.
    expect(filesLinted).toBe(PROBES.length);
  });
});
