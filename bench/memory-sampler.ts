/** Peak resident set size and V8 heap while something runs, sampled every few milliseconds. */
export interface MemoryPeak {
  peakRssMb: number;
  peakHeapUsedMb: number;
  /** Before the measured work started. */
  baselineRssMb: number;
  baselineHeapUsedMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Samples on a timer, so a long synchronous stretch is seen only at its edges; the scorecard and
 * the export both yield to the event loop between database batches, which is where memory would
 * pile up if they held rows.
 */
export async function measureMemory<T>(work: () => Promise<T>, everyMs = 5): Promise<{ result: T; memory: MemoryPeak; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, everyMs);
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return {
      result,
      ms: Math.round(performance.now() - started),
      memory: {
        peakRssMb: mb(peakRss),
        peakHeapUsedMb: mb(peakHeap),
        baselineRssMb: mb(baseline.rss),
        baselineHeapUsedMb: mb(baseline.heapUsed),
      },
    };
  } finally {
    clearInterval(timer);
  }
}
