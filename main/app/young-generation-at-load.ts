import { keepYoungGenerationSmall } from './young-generation';

/**
 * Main's small young generation (young-generation.ts), set while this module loads. main/index.ts
 * imports it first, as a bare import, so that it runs before any other module of main is evaluated:
 * loading main's bundle alone grew the young generation to 8 MB when the flag came later.
 */
export const youngGeneration = keepYoungGenerationSmall();
