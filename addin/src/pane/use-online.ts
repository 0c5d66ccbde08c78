import { useEffect, useState } from 'react';

/** Follows the browser's connectivity so the pane can say "offline" before a call fails. */
export function useOnline(win: Window): boolean {
  const [online, setOnline] = useState(win.navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    win.addEventListener('online', up);
    win.addEventListener('offline', down);
    return () => {
      win.removeEventListener('online', up);
      win.removeEventListener('offline', down);
    };
  }, [win]);
  return online;
}
