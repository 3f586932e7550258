/**
 * Runs `pass` every `intervalMs`, and soon after `nudge()`; never two passes
 * at once (a nudge during a pass asks for one more right after it). A pass
 * that fails goes to `onError`; the loop carries on at the next interval.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.at(this.intervalMs);
  }

  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.at(0);
  }

  /** Stops taking passes and waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private at(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch(this.onError)
        .finally(() => {
          this.running = undefined;
          const soon = this.again;
          this.again = false;
          if (!this.stopped) this.at(soon ? 0 : this.intervalMs);
        });
    }, ms);
    this.timer.unref();
  }
}
