/**
 * Preloaded (`node -r`) into every process the e2e helpers of `processes.ts`
 * start. Its stdin is a pipe from the test process, which never writes to it:
 * when the pipe closes, the test process is gone, however it ended (a crash,
 * a SIGKILL of the jest worker), and this process shuts down as on SIGTERM —
 * so no gateway or simulator outlives the tests that started it.
 */
let ending = false;

function parentGone(): void {
  if (ending) return;
  ending = true;
  process.kill(process.pid, 'SIGTERM');
  // A process that does not end on SIGTERM within 5 s is ended anyway.
  setTimeout(() => process.exit(1), 5_000).unref();
}

process.stdin.on('end', parentGone);
process.stdin.on('close', parentGone);
process.stdin.on('error', parentGone);
process.stdin.resume();

export {};
