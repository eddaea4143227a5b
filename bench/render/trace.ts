import type { CDPSession } from 'playwright-core';

/** The fields of a Chrome trace event this benchmark reads. */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of a complete event, in µs: unaffected by the thread being descheduled. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly message?: string } };
}

export async function traceDuring<T>(
  cdp: CDPSession,
  action: () => Promise<T>,
  // devtools.timeline: animation-frame callbacks and console.timeStamp marks; toplevel: every task.
  categories = 'devtools.timeline,toplevel',
): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const collect = (payload: { value: unknown[] }): void => {
    events.push(...(payload.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  const result = await action();
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return { result, events };
}

export interface TraceFigures {
  /** CPU and wall time (ms) of each update's animation-frame callback, in update order. */
  readonly updateCpu: number[];
  readonly updateWall: number[];
  /** Main-thread tasks longer than 50 ms (ms). */
  readonly longTasksWall: number[];
  readonly longTasksCpu: number[];
  readonly longestTaskWall: number;
  readonly longestTaskCpu: number;
}

const ms = (micros: number | undefined): number => (micros ?? 0) / 1000;

/** Reads per-update and per-task times of the page's main thread; `marker` is the page's console.timeStamp label. */
export function analyzeTrace(events: readonly TraceEvent[], marker: string): TraceFigures {
  const stamps = events.filter((event) => event.name === 'TimeStamp' && event.args?.data?.message === marker);
  const first = stamps[0];
  const last = stamps.at(-1);
  const onMain = (event: TraceEvent) =>
    first !== undefined && event.pid === first.pid && event.tid === first.tid;
  const frames = events
    .filter((event) => event.name === 'FireAnimationFrame' && event.ph === 'X' && onMain(event))
    .sort((a, b) => a.ts - b.ts);
  const updateCpu: number[] = [];
  const updateWall: number[] = [];
  let index = 0;
  for (const stamp of [...stamps].sort((a, b) => a.ts - b.ts)) {
    while (index < frames.length && (frames[index]?.ts ?? 0) + (frames[index]?.dur ?? 0) < stamp.ts) index++;
    const frame = frames[index];
    if (frame === undefined || frame.ts > stamp.ts) continue;
    updateCpu.push(ms(frame.tdur));
    updateWall.push(ms(frame.dur));
  }
  const tasks = events.filter(
    (event) =>
      (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask') &&
      event.ph === 'X' &&
      onMain(event) &&
      first !== undefined &&
      last !== undefined &&
      event.ts + (event.dur ?? 0) >= first.ts &&
      event.ts <= last.ts + 1_000_000,
  );
  const wall = tasks.map((task) => ms(task.dur));
  const cpu = tasks.map((task) => ms(task.tdur));
  return {
    updateCpu,
    updateWall,
    longTasksWall: wall.filter((value) => value > 50),
    longTasksCpu: cpu.filter((value) => value > 50),
    longestTaskWall: Math.max(0, ...wall),
    longestTaskCpu: Math.max(0, ...cpu),
  };
}
