import { useEffect, useState } from 'react';

/** The device clock, refreshed every `everyMs` so countdowns (剩余1天3小时) move while the page is open. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
