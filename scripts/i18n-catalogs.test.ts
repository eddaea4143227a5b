import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  type MessageFormatElement,
  parse,
} from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { AREAS } from '../common/i18n/catalogs';
import { APP_LOCALES, SOURCE_LOCALE } from '../common/i18n/locales';

const REPO = join(import.meta.dirname, '..');
const MESSAGES_DIR = join(REPO, 'common/i18n/messages');

/** Each argument's name and kind (`count:plural`, `name:argument`, `b:tag`…), and each select's keys. */
function signature(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (isArgumentElement(el)) into.add(`${el.value}:argument`);
    else if (isNumberElement(el)) into.add(`${el.value}:number`);
    else if (isDateElement(el)) into.add(`${el.value}:date`);
    else if (isTimeElement(el)) into.add(`${el.value}:time`);
    else if (isTagElement(el)) {
      into.add(`${el.value}:tag`);
      signature(el.children, into);
    } else if (isSelectElement(el)) {
      // A select's keys are values the code passes: every language must answer the same ones.
      into.add(`${el.value}:select[${Object.keys(el.options).sort().join(',')}]`);
      for (const option of Object.values(el.options)) signature(option.value, into);
    } else if (isPluralElement(el)) {
      // Plural categories differ by language (ja has only `other`, ar has six): only the kind must match.
      into.add(`${el.value}:${el.pluralType === 'ordinal' ? 'selectordinal' : 'plural'}`);
      for (const option of Object.values(el.options)) signature(option.value, into);
    }
  }
  return into;
}

function pluralsWithoutOther(elements: readonly MessageFormatElement[]): string[] {
  return elements.flatMap((el) => {
    if (isPluralElement(el) || isSelectElement(el))
      return [
        ...(el.options.other ? [] : [el.value]),
        ...Object.values(el.options).flatMap((o) => pluralsWithoutOther(o.value)),
      ];
    if (isTagElement(el)) return pluralsWithoutOther(el.children);
    return [];
  });
}

describe('message catalogs', () => {
  it('registers every area folder in catalogs.ts', () => {
    const folders = readdirSync(MESSAGES_DIR).filter((f) => statSync(join(MESSAGES_DIR, f)).isDirectory());
    expect(Object.keys(AREAS).sort()).toEqual(folders.sort());
  });

  for (const [area, catalog] of Object.entries(AREAS)) {
    const english = catalog[SOURCE_LOCALE];

    it(`${area}: every id starts with "${area}." and no id is in two areas`, () => {
      for (const id of Object.keys(english)) expect(id.startsWith(`${area}.`), id).toBe(true);
      for (const [other, otherCatalog] of Object.entries(AREAS))
        if (other !== area)
          for (const id of Object.keys(english))
            expect(otherCatalog.en, `${id} also in ${other}`).not.toHaveProperty(id);
    });

    for (const locale of APP_LOCALES) {
      it(`${area}/${locale}: same ids as English, valid ICU, not empty, same placeholders`, () => {
        const messages = catalog[locale];
        expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
        for (const [id, text] of Object.entries(messages)) {
          expect(text.trim(), `${locale} ${id} is empty`).not.toBe('');
          const ast = parse(text);
          expect(pluralsWithoutOther(ast), `${locale} ${id}: plural/select without "other"`).toEqual([]);
          const source = english[id];
          if (source === undefined) continue;
          expect([...signature(ast)].sort(), `${locale} ${id} placeholders`).toEqual(
            [...signature(parse(source))].sort(),
          );
        }
      });
    }
  }

  it('every id is used somewhere in the code (a stale message is deleted, not kept)', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        // The catalogs themselves, not every folder named `messages` (renderer/src/components/messages uses ids).
        if (name === 'node_modules' || path === MESSAGES_DIR) continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
          sources.push(readFileSync(path, 'utf8'));
      }
    };
    for (const dir of ['main', 'renderer', 'common']) walk(join(REPO, dir));
    const code = sources.join('\n');
    const unused = Object.values(AREAS)
      .flatMap((catalog) => Object.keys(catalog.en))
      .filter((id) => !code.includes(`'${id}'`));
    expect(unused, `unused ids (relative to ${relative(REPO, MESSAGES_DIR)})`).toEqual([]);
  });
});
