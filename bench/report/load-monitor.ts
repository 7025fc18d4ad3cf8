import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface LoadSummary {
  /** Mean and highest 1-minute load average, sampled every 5 s. */
  meanLoad: number;
  maxLoad: number;
  /** The 1-, 5- and 15-minute load averages when the run began (`uptime`). */
  atStart: number[];
  /** Share of the run during which some runnable task waited for a CPU (Linux PSI), if available. */
  cpuPressure: number | undefined;
}

/** Linux pressure-stall total for the CPU, µs; undefined where /proc/pressure is absent. */
function cpuStallMicros(): number | undefined {
  try {
    const some = readFileSync('/proc/pressure/cpu', 'utf8').split('\n').find((line) => line.startsWith('some'));
    const total = some?.match(/total=(\d+)/)?.[1];
    return total === undefined ? undefined : Number(total);
  } catch {
    return undefined;
  }
}

/** Watches the machine's load while the benchmark runs: the figures are only as quiet as the machine was. */
export function startLoadMonitor(): { stop(): LoadSummary } {
  const atStart = loadavg();
  const samples = [atStart[0]!];
  const timer = setInterval(() => samples.push(loadavg()[0]!), 5_000);
  timer.unref();
  const started = performance.now();
  const stallAtStart = cpuStallMicros();
  return {
    stop() {
      clearInterval(timer);
      samples.push(loadavg()[0]!);
      const stallAtEnd = cpuStallMicros();
      const elapsedMicros = (performance.now() - started) * 1000;
      return {
        meanLoad: samples.reduce((sum, x) => sum + x, 0) / samples.length,
        maxLoad: Math.max(...samples),
        atStart,
        cpuPressure: stallAtStart !== undefined && stallAtEnd !== undefined ? (stallAtEnd - stallAtStart) / elapsedMicros : undefined,
      };
    },
  };
}
