import { expect, test } from './fixtures';
import { pickModel } from './helpers/ui';

test.describe('chat window through the harness', () => {
  test('sends a message and streams the reply', async ({ app, harness }) => {
    await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
    const composer = app.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello there');
    await composer.press('Enter');
    await expect(app.getByRole('article', { name: 'user message' })).toContainText('Hello there');
    const reply = app.getByRole('article', { name: 'assistant message' }).last();
    await expect(reply).not.toBeEmpty();
    const chat = await harness.emulator?.waitForRequest((r) => r.path.endsWith('/chat/completions'));
    expect(chat?.headers.authorization).toBe(`Bearer ${harness.emulator?.defaultKey}`);
    await app.screenshot({ path: 'test-results/screens/chat.png' });
  });
});
