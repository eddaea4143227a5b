import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoLocalize } from './pseudo-locale';

const format = (message: string, values?: Record<string, string | number>) =>
  String(
    createIntl({ locale: 'en', messages: { m: pseudoLocalize(message) } }).formatMessage({ id: 'm' }, values),
  );

describe('pseudo-locale', () => {
  it('accents, brackets and lengthens the text, leaving arguments as they are', () => {
    const out = format('Hide {appName}', { appName: 'Switchboard' });
    expect(out.startsWith(`${PSEUDO_OPEN}Ĥíðé Switchboard`)).toBe(true);
    expect(out.endsWith(PSEUDO_CLOSE)).toBe(true);
    expect(out.length).toBeGreaterThanOrEqual(Math.ceil('Hide Switchboard'.length * 1.2));
  });

  it('keeps plural and select syntax working', () => {
    const plural = '{count, plural, one {# file} other {# files}}';
    expect(format(plural, { count: 1 })).toContain('1 ƒíĺé');
    expect(format(plural, { count: 3 })).toContain('3 ƒíĺéš');
    expect(format('{k, select, a {Apple} other {Other}}', { k: 'a' })).toContain('Áþþĺé');
  });
});
