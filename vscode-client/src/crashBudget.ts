// How many server crashes we restart from before giving up. Pure: the clock is injected.

export class CrashBudget {
  private readonly crashes: number[] = [];

  constructor(
    private readonly maxRestarts: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true while fewer than maxRestarts+1 crashes happened within the window. */
  recordCrash(): boolean {
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length > 0 && t - (this.crashes[0] ?? t) > this.windowMs) this.crashes.shift();
    return this.crashes.length <= this.maxRestarts;
  }
}
