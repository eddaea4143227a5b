import { termsOf } from './tokenize';

/**
 * What a search box query means: every word must occur in the message or in its conversation's title
 * (AND). Words of three or more letters also match longer words they start (`regen` finds
 * `regenerate`), and so does the last word from two letters, because it is usually still being typed.
 * Shorter words must match whole: a one-letter prefix would match most of the history.
 */
export interface QueryTerm {
  term: string;
  prefix: boolean;
}

/** More words than this add nothing but cost. */
export const MAX_QUERY_TERMS = 16;

export function parseQuery(query: string): QueryTerm[] {
  const unique = [...new Set(termsOf(query))].slice(0, MAX_QUERY_TERMS);
  const stillTyping = query.length > 0 && !/\s$/.test(query);
  return unique.map((term, i) => ({
    term,
    prefix: term.length >= 3 || (stillTyping && i === unique.length - 1 && term.length >= 2),
  }));
}

export function termMatches(normalized: string, q: QueryTerm): boolean {
  return q.prefix ? normalized.startsWith(q.term) : normalized === q.term;
}
