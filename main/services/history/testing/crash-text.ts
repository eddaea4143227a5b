/** The reply text the crash-test child streams, delta by delta; the parent rebuilds it from the seed. */
export function intendedDelta(seed: number, i: number): string {
  return `w${seed}-${i}${i % 11 === 0 ? '.\n' : ' '}`;
}

/** The first `length` characters of the reply the child would have written for `seed`. */
export function intendedText(seed: number, length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += intendedDelta(seed, i);
  return text.slice(0, length);
}
