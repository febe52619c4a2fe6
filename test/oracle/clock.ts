/**
 * Simulated time for the interpreters that model it: callbacks run in the order of their time,
 * ties in the order they were scheduled, so every run of the same documents and scenario is the
 * same run.
 */
export class Clock {
  now = 0;
  private readonly queue: { time: number; seq: number; run: () => void }[] = [];
  private seq = 0;

  /** Runs `run` `delay` time units from now. */
  after(delay: number, run: () => void): void {
    const event = { time: this.now + delay, seq: this.seq++, run };
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1].time > event.time || (this.queue[i - 1].time === event.time && this.queue[i - 1].seq > event.seq))) i--;
    this.queue.splice(i, 0, event);
  }

  /** Runs everything scheduled, and everything that schedules, until nothing is left. */
  runAll(): void {
    for (let event = this.queue.shift(); event; event = this.queue.shift()) {
      this.now = event.time;
      event.run();
    }
  }
}
