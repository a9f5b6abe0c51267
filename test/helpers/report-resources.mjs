// Preloaded with `node --import` by resource tests: records the process's peak resident memory (VmHWM) and the
// most threads it had (sampled every few milliseconds and at exit) into the JSON file named by
// STOPWISE_RESOURCE_REPORT.
import { readFileSync, writeFileSync } from 'node:fs';

const reportPath = process.env.STOPWISE_RESOURCE_REPORT;
if (reportPath) {
  const field = (text, name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1]);
  let peakThreads = 0;
  const sample = () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    peakThreads = Math.max(peakThreads, field(status, 'Threads'));
    return status;
  };
  setInterval(sample, 5).unref();
  process.on('exit', () => {
    const status = sample();
    writeFileSync(reportPath, JSON.stringify({ peakKiB: field(status, 'VmHWM'), peakThreads }));
  });
}
