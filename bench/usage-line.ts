/**
 * The line the benchmark's child process prints at exit: its peak memory and
 * CPU time, which only the process itself can tell.
 */
const PREFIX = 'roadmap-guard-bench-usage ';

export interface ProcessUsage {
  /** Peak resident set size, in MB. */
  peakRssMb: number;
  /** User plus system CPU time, in ms. */
  cpuMs: number;
  /** From the process's start to its exit, in ms: its wall time without the benchmark's own setup around it. */
  uptimeMs: number;
}

export function usageLine(usage: NodeJS.ResourceUsage): string {
  const line: ProcessUsage = {
    peakRssMb: Math.round(usage.maxRSS / 1024),
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
    uptimeMs: Math.round(process.uptime() * 1000),
  };
  return `${PREFIX}${JSON.stringify(line)}\n`;
}

/** The usage a child printed on stderr; undefined when it printed none (it crashed before exit). */
export function readUsage(stderr: string): ProcessUsage | undefined {
  const line = stderr.split('\n').find((text) => text.startsWith(PREFIX));
  return line === undefined ? undefined : (JSON.parse(line.slice(PREFIX.length)) as ProcessUsage);
}
