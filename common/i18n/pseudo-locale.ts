import {
  createLiteralElement,
  isLiteralElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  type MessageFormatElement,
  parse,
} from '@formatjs/icu-messageformat-parser';

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'áƀçðéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ'][i] as string,
  ]),
);

/** Brackets around every pseudo-localized message: text cut off at either end shows at once. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';
/** German and French run about a third longer than English: pad by that much to find clipped controls. */
const EXPANSION = 0.35;

/** Every character a pseudo-localized literal can contain besides spaces and punctuation. */
export const PSEUDO_MARKERS: ReadonlySet<string> = new Set([
  PSEUDO_OPEN,
  PSEUDO_CLOSE,
  '·',
  ...Object.values(ACCENTED),
]);

function accent(text: string): string {
  return [...text].map((c) => ACCENTED[c] ?? c).join('');
}

/** Accents the literal parts only: argument names, plural/select keys, `#` and tags stay as they were. */
function transform(elements: readonly MessageFormatElement[]): {
  out: MessageFormatElement[];
  letters: number;
} {
  let letters = 0;
  const out = elements.map((element): MessageFormatElement => {
    if (isLiteralElement(element)) {
      letters += element.value.length;
      return { ...element, value: accent(element.value) };
    }
    if (isPluralElement(element) || isSelectElement(element)) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => {
          const inner = transform(option.value);
          letters = Math.max(letters, inner.letters);
          return [key, { ...option, value: inner.out }];
        }),
      );
      return { ...element, options } as MessageFormatElement;
    }
    if (isTagElement(element)) {
      const inner = transform(element.children);
      letters += inner.letters;
      return { ...element, children: inner.out };
    }
    return element;
  });
  return { out, letters };
}

/** One English message as pseudo-English, returned as the parsed AST FormatJS formats directly. */
export function pseudoLocalize(message: string): MessageFormatElement[] {
  const { out, letters } = transform(parse(message));
  const padding = '·'.repeat(Math.max(1, Math.ceil(letters * EXPANSION)));
  return [createLiteralElement(PSEUDO_OPEN), ...out, createLiteralElement(` ${padding}${PSEUDO_CLOSE}`)];
}

export function pseudoLocalizeCatalog(
  english: Readonly<Record<string, string>>,
): Record<string, MessageFormatElement[]> {
  return Object.fromEntries(Object.entries(english).map(([id, message]) => [id, pseudoLocalize(message)]));
}
