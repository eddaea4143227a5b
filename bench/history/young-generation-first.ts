import { keepYoungGenerationSmall, type YoungGeneration } from '../../main/app/young-generation';

/**
 * Imported first by measure.ts, as main/index.ts imports main/app/young-generation-at-load.ts: the
 * measured process sets main's small young generation before its other modules load — unless run with
 * `--default-young-generation`, the same-run baseline with V8's default.
 */
export const youngGeneration: YoungGeneration | null = process.argv.includes('--default-young-generation')
  ? null
  : keepYoungGenerationSmall();
