// Preloaded into each measured process by bench/run.mjs (node --require): at exit, writes the process's
// own peak RSS and CPU time to the file named by BENCH_RUSAGE.
const { writeFileSync } = require('node:fs');
const target = process.env.BENCH_RUSAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ rssMb: usage.maxRSS / 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
