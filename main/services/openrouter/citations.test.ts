import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { CitationCollector, capUtf16, MAX_CITATIONS } from './citations';

function citation(url: unknown, title?: unknown) {
  return {
    type: 'url_citation',
    url_citation: { url, title, content: 'page text', start_index: 0, end_index: 5 },
  };
}

function collect(...annotations: unknown[]) {
  const log = createMemoryLogger();
  const c = new CitationCollector(log);
  for (const a of annotations) c.add(a);
  return { citations: c.citations, lines: log.lines };
}

describe('CitationCollector', () => {
  it('keeps https url_citations with title and host, skipping other annotation types', () => {
    const { citations, lines } = collect([
      citation('https://www.example.org/a?b=1#c', 'A page'),
      { type: 'file', file: { hash: 'x' } },
    ]);
    expect(citations).toEqual([
      { url: 'https://www.example.org/a?b=1#c', title: 'A page', host: 'www.example.org' },
    ]);
    expect(lines).toEqual([]);
  });

  it('drops non-https, credentialed, unparseable and oversized URLs with a log line that names no URL', () => {
    const { citations, lines } = collect([
      citation('http://plain.example/secret-path'),
      citation('javascript:alert(1)'),
      citation('https://user:pw@creds.example/'),
      citation('not a url at all'),
      citation(`https://long.example/${'x'.repeat(5000)}`),
      citation(42),
      'garbage',
      citation('https://ok.example/'),
    ]);
    expect(citations.map((c) => c.host)).toEqual(['ok.example']);
    const text = lines.join('\n');
    expect(text).toContain('reason="not-https"');
    expect(text).toContain('count=2');
    expect(text).toContain('reason="credentials"');
    expect(text).toContain('reason="bad-url"');
    expect(text).toContain('reason="too-long"');
    expect(text).toContain('reason="malformed"');
    expect(text).not.toContain('plain.example');
    expect(text).not.toContain('pw@');
  });

  it('drops annotations that are not a list, without throwing', () => {
    const { citations, lines } = collect({ type: 'url_citation' }, 'text');
    expect(citations).toEqual([]);
    expect(lines.join('\n')).toContain('reason="not-a-list"');
  });

  it('cleans titles of control and bidi characters, caps them at 500 and falls back to the host', () => {
    const { citations } = collect([
      citation('https://a.example/', 'Safe\u202e gnp.exe\u0000\nTitle'),
      citation('https://b.example/', 'x'.repeat(600)),
      citation('https://c.example/', ' \u200f '),
      citation('https://d.example/'),
    ]);
    expect(citations.map((c) => c.title)).toEqual([
      'Safe gnp.exe Title',
      'x'.repeat(500),
      'c.example',
      'd.example',
    ]);
  });

  it('dedupes by URL across deltas and caps the list at 50', () => {
    const many = Array.from({ length: 60 }, (_, i) => citation(`https://s${i}.example/`));
    const { citations, lines } = collect([citation('https://s0.example/', 'first')], many);
    expect(citations).toHaveLength(MAX_CITATIONS);
    expect(citations[0]?.title).toBe('first');
    expect(lines.join('\n')).toContain('reason="too-many"');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(capUtf16(`${'a'.repeat(499)}🙂`, 500)).toBe('a'.repeat(499));
  });
});
