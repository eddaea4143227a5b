import { useEffect, useState } from 'react';

const TICK_MS = 250;

/** Whole seconds left of `seconds`, counted from when the caller mounted; 0 when done. */
export function useCountdown(seconds: number): number {
  const [deadline] = useState(() => Date.now() + seconds * 1000);
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  const running = left > 0;
  useEffect(() => {
    if (!running) return;
    // Ticks faster than a second so the display never lags a whole second behind the clock.
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [running]);
  return left;
}
