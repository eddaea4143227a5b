import {
  closesConstruct,
  isAtxHeading,
  isBlank,
  isPlainLine,
  isSimpleLine,
  listMarkerKind,
  looksLikeDefinition,
  type OpenConstruct,
  openedConstruct,
  startsAtColumnZero,
  startsInterruptNeutral,
} from './line-rules';
import { parseStructure, type StructureParser } from './structure';

/** A finished top-level block: its text never changes once settled. */
export interface SettledBlock {
  /** Offset of the block in the source; stable, so it doubles as a React key. */
  readonly start: number;
  readonly text: string;
}

export interface SplitSnapshot {
  readonly source: string;
  /**
   * Settled blocks in fixed-size groups. Full groups keep their array identity
   * forever so a memoized group component can skip them without visiting each block.
   */
  readonly groups: ReadonlyArray<readonly SettledBlock[]>;
  readonly blockCount: number;
  /** Where the unsettled tail starts; `source.slice(tailStart)` is the in-progress text. */
  readonly tailStart: number;
  /** Construct left open by the last complete line of the tail (for virtual closing). */
  readonly open: OpenConstruct | null;
  /** Definitions were seen: blocks can reference each other, render the document as one. */
  readonly wholeDocument: boolean;
  /** Increments whenever the source stopped being an extension of the previous one. */
  readonly generation: number;
}

/**
 * Settled blocks per group (MarkdownView wraps each group in an element that is its own layout and
 * paint unit, markdown.css `.md-group`). The streaming tail shares the last group with up to
 * GROUP_SIZE - 1 settled blocks, which the browser repaints with it every frame: 8 instead of 32 cut
 * Paint from 2.1-2.3 s to 1.3-1.4 s and the renderer's main-thread CPU by 11-13% over the render
 * bench's 20,000-token reply (same run, load 9-13); 4 saved no more, while every group adds a
 * content-visibility observation while streaming.
 */
export const GROUP_SIZE = 8;

/**
 * How much of a line decides whether it starts a new block. Model output puts a
 * whole paragraph on one line, so waiting for the line to finish would keep the
 * previous block in the re-parsed tail for the entire paragraph. A list marker
 * (the longest thing that matters, `123456789. `) fits well within this prefix.
 */
export const PROBE_CHARS = 16;

/**
 * A column-0 line after a block's end (a blank line, a heading, a closed fence) is decided by its first
 * character unless that could begin a list marker (`-`, `+`, `*`, a digit): only an item of the same
 * list continues a block past a blank line (open fences, math and HTML are tracked or left to the
 * parser), so anything else starts a new block whatever follows. Deciding at once (always on the same
 * one character, so chunking still cannot change the split) settles the block before it as the next
 * block's first token arrives, instead of parsing it again with the tail until PROBE_CHARS arrive.
 */
const DECIDED_BY_FIRST_CHAR = /^[^\s\d*+-]/u;

/**
 * Incrementally splits a growing Markdown document into top-level blocks.
 *
 * Lines are examined once they are complete (a line's start is also probed as
 * soon as its first PROBE_CHARS characters exist), so the result does not
 * depend on how the text was chunked. A cheap line scanner proposes candidate
 * boundaries (a column-0 line after a blank line, a closed fence or a heading).
 * In regions made only of simple lines (paragraphs, headings, tables, fenced
 * code and math, which the scanner tracks exactly), or of lists and quotes that
 * open no fence, math or HTML inside, a candidate is a boundary. Anywhere else
 * (code inside list items, HTML, unusual candidate lines) the real parser
 * confirms it, on the unsettled region only. Every update thus
 * costs in proportion to the appended text and the tail, not the message.
 */
export class BlockSplitter {
  private source = '';
  private blocks: SettledBlock[] = [];
  private groups: SettledBlock[][] = [];
  private regionStart = 0;
  private scanPos = 0;
  private open: OpenConstruct | null = null;
  private prevEndsBlock = true;
  // The kind of the region's first list marker (listMarkerKind; null: the region has no list marker).
  // After a blank line a marker of that kind may continue the same list; one of another kind starts
  // a new list, so it is a candidate boundary like any other column-0 line.
  private listKind: string | null = null;
  // Every line of the region so far is simple / plain (see lineRules): such regions need no parser.
  private simple = true;
  private plain = true;
  private wholeDocument = false;
  private generation = 0;
  // After a rejected candidate the region must double before the next parse,
  // bounding verification cost even when the scanner misjudges the structure.
  private nextVerifyAt = 0;
  // Line whose candidacy was already decided from its prefix, before it was complete.
  private probedLine = -1;
  private snapshot: SplitSnapshot | null = null;

  constructor(private readonly parse: StructureParser = parseStructure) {}

  get settled(): readonly SettledBlock[] {
    return this.blocks;
  }

  update(source: string): SplitSnapshot {
    if (this.snapshot !== null && source === this.source) return this.snapshot;
    if (!source.startsWith(this.source)) this.reset();
    this.source = source;
    let lineEnd = source.indexOf('\n', this.scanPos);
    while (lineEnd !== -1) {
      const next = lineEnd + 1;
      const raw = source.slice(this.scanPos, lineEnd);
      this.scanLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw, this.scanPos);
      this.scanPos = next;
      lineEnd = source.indexOf('\n', next);
    }
    if (source.length > this.scanPos) this.probe(this.scanPos);
    // A definition on the unfinished last line (a message may end without a newline) counts, too.
    if (this.open === null && looksLikeDefinition(source.slice(this.scanPos))) this.wholeDocument = true;
    this.snapshot = {
      source,
      groups: this.groups,
      blockCount: this.blocks.length,
      tailStart: this.regionStart,
      open: this.open,
      wholeDocument: this.wholeDocument,
      generation: this.generation,
    };
    return this.snapshot;
  }

  private reset(): void {
    this.source = '';
    this.blocks = [];
    this.groups = [];
    this.regionStart = 0;
    this.scanPos = 0;
    this.open = null;
    this.prevEndsBlock = true;
    this.listKind = null;
    this.simple = true;
    this.plain = true;
    this.wholeDocument = false;
    this.nextVerifyAt = 0;
    this.probedLine = -1;
    this.generation += 1;
  }

  private scanLine(line: string, lineStart: number): void {
    if (this.open !== null) {
      if (closesConstruct(this.open, line)) {
        this.open = null;
        this.prevEndsBlock = true;
      }
      return;
    }
    if (isBlank(line)) {
      this.prevEndsBlock = true;
      return;
    }
    // Probe first: a line probed before it was complete saw the state before this line, too.
    this.probe(lineStart);
    if (looksLikeDefinition(line)) this.wholeDocument = true;
    this.prevEndsBlock = isAtxHeading(line);
    this.open = openedConstruct(line);
    this.listKind ??= listMarkerKind(line);
    if (!isSimpleLine(line)) this.simple = false;
    if (!isPlainLine(line)) this.plain = false;
  }

  /**
   * Decides whether the line at `lineStart` starts a new top-level block, from
   * its first PROBE_CHARS characters (or the whole line with its newline when
   * shorter). The decision sees the same text whether the line arrived at once
   * or in pieces, so chunking cannot change the split.
   */
  private probe(lineStart: number): void {
    if (this.probedLine === lineStart || this.open !== null || lineStart <= this.regionStart) return;
    const lineEnd = this.source.indexOf('\n', lineStart);
    const probeEnd = DECIDED_BY_FIRST_CHAR.test(this.source.charAt(lineStart))
      ? lineStart + 1
      : lineEnd !== -1 && lineEnd + 1 - lineStart <= PROBE_CHARS
        ? lineEnd + 1
        : lineStart + PROBE_CHARS;
    if (probeEnd > this.source.length) return;
    this.probedLine = lineStart;
    const text = this.source.slice(lineStart, probeEnd).replace(/\r?\n$/, '');
    if (
      startsAtColumnZero(text) &&
      (this.prevEndsBlock || isAtxHeading(text)) &&
      // After a blank line a marker of the same kind may continue the same (now loose) list; one of
      // another kind starts a new list (the parser confirms it in verify).
      !(this.listKind !== null && listMarkerKind(text) === this.listKind)
    ) {
      this.verify(lineStart, probeEnd, startsInterruptNeutral(text));
    }
  }

  private verify(lineStart: number, next: number, neutralStart: boolean): void {
    // Settling goes on in whole-document mode (only the rendering ignores it), so
    // the split never depends on when a definition was noticed.
    if (next < this.nextVerifyAt) return;
    // Fast paths, no parser: nothing in the region can still be open at a column-0 line after a blank.
    if (this.simple || (this.plain && neutralStart)) {
      this.settle(lineStart, lineStart);
      return;
    }
    const region = this.source.slice(this.regionStart, next);
    const structure = this.parse(region);
    if (structure.hasDefinitions) {
      this.wholeDocument = true;
      return;
    }
    const offset = structure.lastBlockStart;
    // Top-level blocks begin on their own line; keep the indentation with them.
    const cut = offset <= 0 ? 0 : region.lastIndexOf('\n', offset - 1) + 1;
    const boundary = this.regionStart + cut;
    const settles = cut > 0 && this.parsesAlike(region.slice(cut), structure.lastBlockKind);
    if (settles) this.settle(boundary, lineStart);
    // A confirmed candidate resets the back-off; anything else doubles it.
    this.nextVerifyAt = settles && boundary === lineStart ? 0 : next + (next - this.regionStart);
  }

  /** The new tail must parse on its own exactly as it did in context, or the split would change rendering. */
  private parsesAlike(rest: string, kindInContext: string): boolean {
    const alone = this.parse(rest);
    return alone.blockCount === 1 && alone.lastBlockKind === kindInContext && !alone.hasDefinitions;
  }

  private settle(boundary: number, lineStart: number): void {
    const block: SettledBlock = {
      start: this.regionStart,
      text: this.source.slice(this.regionStart, boundary),
    };
    this.blocks.push(block);
    const last = this.groups.at(-1);
    // Replace (never mutate) the open group so memoized consumers notice the change.
    if (last === undefined || last.length >= GROUP_SIZE) this.groups = [...this.groups, [block]];
    else this.groups = [...this.groups.slice(0, -1), [...last, block]];
    this.regionStart = boundary;
    // Lines already scanned between the boundary and the candidate now belong to the new region.
    const scanned = this.source.slice(boundary, lineStart).split('\n');
    this.listKind = null;
    for (const line of scanned) this.listKind ??= listMarkerKind(line);
    // Their fence state is not tracked per line, so let the parser judge this region.
    this.simple = boundary === lineStart;
    this.plain = boundary === lineStart;
  }
}
