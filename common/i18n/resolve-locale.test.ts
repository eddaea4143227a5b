import { describe, expect, it } from 'vitest';
import { resolveLocale } from './resolve-locale';

const system = (...tags: string[]) => resolveLocale('system', tags, { pseudoAllowed: false });

/**
 * Chinese in Traditional script (Taiwan, Hong Kong, Macau): Switchboard ships Simplified only, a
 * different script, so "System default" does not put a Traditional reader into Simplified; the next
 * language they prefer is used (Simplified too, if they list it), else English (docs/i18n.md).
 */
describe('resolveLocale: Traditional Chinese', () => {
  it('is not matched to Simplified Chinese', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh-Hant-HK', 'zh_TW.UTF-8']) {
      expect(system(tag), tag).toBe('en');
    }
  });

  it('gives way to the next preferred language, Simplified Chinese when the person lists it', () => {
    expect(system('zh-TW', 'ja-JP')).toBe('ja');
    expect(system('zh-Hant-HK', 'zh-Hans-CN')).toBe('zh-CN');
    expect(system('zh-HK', 'en-GB')).toBe('en');
  });

  it('Simplified tags still find zh-CN (Singapore, plain zh, Hans in Hong Kong)', () => {
    for (const tag of ['zh', 'zh-SG', 'zh-Hans', 'zh-Hans-HK', 'zh-CN'])
      expect(system(tag), tag).toBe('zh-CN');
  });

  it('a language chosen in Settings wins: a Traditional reader can pick 简体中文 there', () => {
    expect(resolveLocale('zh-CN', ['zh-TW'], { pseudoAllowed: false })).toBe('zh-CN');
  });
});
