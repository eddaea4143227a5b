import type { Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import { conversationButton, ui, waitForCompleteReply } from './helpers/ui';
import { XSS_PAYLOADS, xssDocuments } from './helpers/xss-corpus';

/**
 * The XSS corpus (helpers/xss-corpus.ts, 80 payloads) rendered as model output (replies put in the
 * history, then opened in the page) and typed as user input (sent through the composer). A canary is
 * installed before the page's own scripts; every payload calls it if it ever runs. It must never fire,
 * and no message may contain an active element (script, iframe, object, embed, form, meta refresh,
 * base), an `on*` attribute, or a link to anything but http(s)/mailto. CSP violations are counted and
 * reported: they are allowed (they show the CSP blocking something), a fired canary is not.
 */

interface Watch {
  __xssFired: number;
  __xssCanary: () => void;
  __cspViolations: string[];
  __domFindings: string[];
}

/** Runs before any script of the page: the canary, a CSP violation counter and a DOM watcher. */
function installWatch(): void {
  const w = window as unknown as Watch;
  w.__xssFired = 0;
  w.__xssCanary = () => {
    w.__xssFired += 1;
  };
  w.__cspViolations = [];
  w.__domFindings = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations.push(
      `${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile.split('/').pop()}:${e.lineNumber}`.slice(
        0,
        200,
      ),
    );
  });
  const FORBIDDEN = new Set([
    'SCRIPT',
    'IFRAME',
    'FRAME',
    'OBJECT',
    'EMBED',
    'FORM',
    'BASE',
    'META',
    'LINK',
    'STYLE',
  ]);
  const inspect = (el: Element) => {
    const where = el.closest('article') ? 'message' : 'page';
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) w.__domFindings.push(`${where}: <${el.localName} ${attr.name}>`);
    }
    if (where !== 'message') return;
    if (FORBIDDEN.has(el.tagName.toUpperCase())) w.__domFindings.push(`message: <${el.localName}>`);
    if (el.localName === 'img' && !/^(data:|blob:)/.test(el.getAttribute('src') ?? 'data:')) {
      w.__domFindings.push(`message: <img src=${el.getAttribute('src')}>`);
    }
    for (const name of ['href', 'xlink:href', 'src', 'action', 'formaction', 'data']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let scheme = '';
      try {
        scheme = new URL(value, 'https://relative.invalid/').protocol;
      } catch {
        scheme = 'unparsable:';
      }
      const allowed =
        name === 'href' && el.localName === 'a' ? ['http:', 'https:', 'mailto:'] : ['data:', 'blob:'];
      if (!allowed.includes(scheme) || (name === 'href' && !/^(https?:|mailto:)/i.test(value))) {
        w.__domFindings.push(`message: <${el.localName} ${name}=${value.slice(0, 80)}>`);
      }
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.target instanceof Element) inspect(record.target);
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof Element)) continue;
        inspect(node);
        for (const child of Array.from(node.querySelectorAll('*'))) inspect(child);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

const test = base.extend({
  page: async ({ page }, use) => {
    await page.addInitScript(installWatch);
    await use(page);
  },
});

async function watch(page: Page): Promise<Omit<Watch, '__xssCanary'>> {
  return page.evaluate(() => {
    const w = window as unknown as Watch;
    return { __xssFired: w.__xssFired, __cspViolations: w.__cspViolations, __domFindings: w.__domFindings };
  });
}

/** What is in the messages now (the watcher sees what was ever added; this sees what stays). */
async function messageDom(page: Page) {
  return page.evaluate(() => {
    const articles = Array.from(document.querySelectorAll('article'));
    const inArticles = (selector: string) =>
      articles.flatMap((a) => Array.from(a.querySelectorAll(selector)));
    return {
      articles: articles.length,
      active: inArticles('script, iframe, frame, object, embed, form, meta, base, link, style').map(
        (e) => e.localName,
      ),
      withOn: Array.from(document.querySelectorAll('*'))
        .filter((e) => Array.from(e.attributes).some((a) => /^on/i.test(a.name)))
        .map((e) => e.localName),
      badLinks: inArticles('a')
        .map((a) => a.getAttribute('href'))
        .filter((href) => href !== null && !/^(https?:|mailto:)/i.test(href)),
      links: inArticles('a[href]').length,
    };
  });
}

async function expectClean(page: Page, where: string) {
  const dom = await messageDom(page);
  expect(dom.articles, where).toBeGreaterThan(0);
  expect(dom.active, `${where}: active elements in messages`).toEqual([]);
  expect(dom.withOn, `${where}: elements with on* attributes`).toEqual([]);
  expect(dom.badLinks, `${where}: links that are not http(s)/mailto`).toEqual([]);
  return dom;
}

test.describe('XSS corpus', () => {
  test('has at least 50 payloads, each calling the canary', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    for (const p of XSS_PAYLOADS) {
      // The canary call is in the payload, or in its base64 part (data: URLs), or the payload is a
      // link that must not run or mislead (spoofed text, other schemes, pings).
      const decoded = [...p.text.matchAll(/base64,([A-Za-z0-9+/=]+)/g)]
        .map((m) => Buffer.from(m[1] ?? '', 'base64').toString('utf8'))
        .join(' ');
      const unescaped = p.text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
      expect(`${unescaped} ${decoded}`, p.id).toMatch(
        /__xssCanary\(\)|evil\.example|example\.com|127\.0\.0\.1|etc\/passwd/,
      );
    }
    expect(new Set(XSS_PAYLOADS.map((p) => p.category)).size).toBeGreaterThanOrEqual(12);
  });

  test('as model output: rendered inert, no active element, no script link; links open only via main', async ({
    app,
    harness,
  }) => {
    const history = harness.services.history;
    const documents = xssDocuments(10);
    const titles: string[] = [];
    for (const [index, parts] of documents.entries()) {
      const title = `XSS ${index + 1} <img src=x onerror=__xssCanary()>`;
      titles.push(title);
      const conversation = await history.create({ model: 'openai/gpt-4o-mini', title });
      await history.appendUserMessage(conversation.id, `Show payload group ${index + 1}`);
      const reply = await history.beginReply(conversation.id, { model: 'openai/gpt-4o-mini' });
      await history.finishReply(conversation.id, reply.id, {
        status: 'complete',
        content: parts.join('\n\n---\n\n'),
      });
    }
    await app.reload();
    const startUrl = app.url();
    let links = 0;
    for (const [index, title] of titles.entries()) {
      await conversationButton(app, title).click();
      const reply = ui(app).lastReply;
      // The group's first and last markers are on screen: the whole reply was rendered.
      const ids = (documents[index] ?? []).map((part) => /^\*\*(xss-\d+)\*\*/.exec(part)?.[1] ?? '');
      await expect(reply).toContainText(ids[0] ?? 'missing');
      await expect(reply).toContainText(ids.at(-1) ?? 'missing');
      const dom = await expectClean(app, title);
      links += dom.links;
      // Click every link the renderer made: each goes through main (https only), none navigates.
      const anchors = reply.locator('a[href]');
      for (let i = 0; i < (await anchors.count()); i++) await anchors.nth(i).click({ modifiers: [] });
    }
    expect(
      links,
      'the corpus has real links too, so the clicks above exercised the link path',
    ).toBeGreaterThan(0);
    await expect.poll(() => harness.openedUrls.length).toBeGreaterThan(0);
    for (const url of harness.openedUrls) expect(new URL(url).protocol, url).toBe('https:');
    expect(app.url()).toBe(startUrl);

    const seen = await watch(app);
    console.info(
      `XSS as model output: ${XSS_PAYLOADS.length} payloads in ${documents.length} replies, ` +
        `canary fired ${seen.__xssFired} times, ${seen.__cspViolations.length} CSP violations`,
      seen.__cspViolations,
    );
    test.info().annotations.push({
      type: 'CSP violations (model output)',
      description: String(seen.__cspViolations.length),
    });
    expect(seen.__domFindings, 'active content ever added to the page').toEqual([]);
    expect(seen.__xssFired, 'the XSS canary fired').toBe(0);
  });

  test('as user input: typed, sent and searched, shown as text only', async ({ app, harness }) => {
    await harness.services.settings.update({ defaultModel: 'openai/gpt-4o-mini' });
    await app.reload();
    await expect(ui(app).modelButton).toHaveAccessibleDescription(/GPT-4o-mini/);
    const { composer, userMessages, lastReply } = ui(app);
    const batches: string[] = [];
    for (let i = 0; i < XSS_PAYLOADS.length; i += 20) {
      batches.push(
        XSS_PAYLOADS.slice(i, i + 20)
          .map((p) => p.text)
          .join('\n\n'),
      );
    }
    const messageCount = () => harness.services.history.list({ limit: 5 }).items[0]?.messageCount ?? 0;
    for (const [index, text] of batches.entries()) {
      await composer.fill(text);
      await composer.press('Enter');
      // The list is virtualized: count what main stored, then wait for the reply on screen.
      await expect.poll(messageCount).toBe(2 * (index + 1));
      await waitForCompleteReply(lastReply);
    }
    // The payloads reached the page as text: markup shows up literally in the user's messages.
    await expect(
      userMessages.filter({ hasText: /<[a-z]+[^>]* on[a-z]+=__xssCanary\(\)/ }).first(),
    ).toBeVisible();
    await expectClean(app, 'user messages');

    // Search shows snippets of those messages.
    const search = app.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('onerror');
    await expect(
      app.getByRole('list', { name: 'Search results' }).getByRole('listitem').first(),
    ).toBeVisible();

    const seen = await watch(app);
    console.info(
      `XSS as user input: ${XSS_PAYLOADS.length} payloads in ${batches.length} messages, ` +
        `canary fired ${seen.__xssFired} times, ${seen.__cspViolations.length} CSP violations`,
      seen.__cspViolations,
    );
    test.info().annotations.push({
      type: 'CSP violations (user input)',
      description: String(seen.__cspViolations.length),
    });
    expect(seen.__domFindings, 'active content ever added to the page').toEqual([]);
    expect(seen.__xssFired, 'the XSS canary fired').toBe(0);
  });

  test('control: the canary and the DOM watcher do catch a payload that runs', async ({ page }) => {
    // A page without our CSP and renderer: the same watch must see the payload run and be inserted.
    await page.goto('data:text/html,<title>control</title><main></main>');
    await page.evaluate(() => {
      const article = document.createElement('article');
      article.innerHTML =
        '<img src="x" onerror="__xssCanary()"><a href="javascript:void 0">x</a><iframe></iframe>';
      document.body.append(article);
    });
    await expect.poll(async () => (await watch(page)).__xssFired).toBe(1);
    const seen = await watch(page);
    expect(seen.__domFindings).toEqual(
      expect.arrayContaining([
        'message: <img onerror>',
        'message: <iframe>',
        'message: <a href=javascript:void 0>',
      ]),
    );
  });
});
