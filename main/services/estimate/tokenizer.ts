/** Counts the tokens of one text. */
export type CountTokens = (text: string) => number;

let loading: Promise<CountTokens> | null = null;

/**
 * OpenAI's o200k_base BPE (gpt-tokenizer, pure JS), loaded on first use: its rank table is 2.4 MB of
 * JavaScript and takes ~200 ms to load, which must not be paid at start-up, only when the first
 * estimate is asked for. OpenRouter's models use many tokenizers (Claude, Gemini, Llama…); none of
 * theirs ships as a JS library, so this is an approximation and the figure is labelled an estimate.
 *
 * Special-token text (`<|endoftext|>`) in a message is counted as plain text: the library refuses
 * it by default, and a person may well paste it.
 */
export function loadTokenizer(): Promise<CountTokens> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then(({ countTokens }) => {
    const options = { disallowedSpecial: new Set<string>() };
    return (text: string) => (text === '' ? 0 : countTokens(text, options));
  });
  return loading;
}
