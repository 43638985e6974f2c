/**
 * Keeps a long download's memory flat. Every received TLS record is a separate ~16 KiB buffer outside the
 * JavaScript heap; V8 frees them only at its next collection, which the heap alone triggers rarely, so on a
 * large download some 30 MiB of already-written records wait around. A minor (young-generation)
 * collection every few MiB frees them for about a millisecond each (bench/sync.ts: peak RSS 113 → 96 MiB,
 * no slower). `--expose-gc` cannot be given to the launcher on every platform, so it is switched on here;
 * when that is not possible, this does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type CollectGarbage = (options?: { type: 'minor' | 'major' }) => void;

let collect: CollectGarbage | null | undefined;

function collector(): CollectGarbage | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const found = runInNewContext('typeof gc === "function" ? gc : null') as CollectGarbage | null;
    collect = found;
  } catch {
    collect = null;
  }
  return collect;
}

/** Returns a function to call with each chunk's size; it runs a minor collection every `everyBytes`. */
export function createMemoryRelief(everyBytes = 8 << 20): (bytes: number) => void {
  const gc = collector();
  if (!gc) return () => undefined;
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < everyBytes) return;
    since = 0;
    try {
      gc({ type: 'minor' });
    } catch {
      // Never let housekeeping break a download.
    }
  };
}
