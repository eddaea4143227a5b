import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createKeyInfoReader } from './client';
import { readRealFixture } from './testing/real-fixtures';
import { fakeFetch, TEST_KEY } from './testing/test-support';

/**
 * A real GET /auth/key answer (fixtures/real/key/, origin in SOURCES.md). The file holds the `data`
 * object as `llm openrouter key-info` printed it (`json.dumps(response.json()["data"], indent=2)`), so
 * the test puts it back inside `{"data": …}`; values and key order are as OpenRouter sent them.
 */
describe('a real /key body', () => {
  it('maps label, usage, an unlimited limit and the free-tier flag', async () => {
    const data = readRealFixture('key/simonw-llm-openrouter-issue-24-auth-key-data.json');
    const body = `{"data":${data}}`;
    const { fetch } = fakeFetch(
      () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const keyInfoOf = createKeyInfoReader({
      baseUrl: 'https://openrouter.test/api/v1',
      log: createMemoryLogger(),
      fetch,
    });
    await expect(keyInfoOf(TEST_KEY)).resolves.toEqual({
      // OpenRouter's default label is the masked key; it is kept as is (it is not a whole key).
      label: 'sk-or-v1-0fa...240',
      usage: 0.65017511,
      limit: null,
      limitRemaining: null,
      isFreeTier: false,
    });
  });
});
