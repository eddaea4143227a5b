import { expect, test } from './fixtures';

test.describe('chat window through the harness', () => {
  test('sends a message and streams the reply', async ({ app, harness }) => {
    await app.getByRole('button', { name: 'Model', exact: true }).click();
    const picker = app.getByRole('dialog', { name: 'Choose a model' });
    await picker.getByRole('searchbox', { name: 'Search models' }).fill('gpt-4o-mini');
    await picker.getByRole('searchbox', { name: 'Search models' }).press('Enter');
    await expect(picker).toBeHidden();
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
