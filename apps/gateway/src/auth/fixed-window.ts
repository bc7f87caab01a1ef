/** The state of one key's window after counting a hit. */
export interface WindowState {
  readonly limit: number;
  /** Hits left in this window (0 when the hit was refused or used the last one). */
  readonly remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  readonly resetSeconds: number;
  readonly allowed: boolean;
}

interface Window {
  start: number;
  count: number;
}

const MAX_KEYS = 100_000;

/**
 * Fixed one-minute windows per key, in process memory: the first hit opens a window, which
 * admits `limit` hits and resets 60 s later. Cheap and predictable; the limit holds per process.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts a hit for the key and says whether it is within the limit. */
  hit(key: string, limit: number): WindowState {
    const window = this.current(key, true)!;
    window.count++;
    return this.state(window, limit, window.count <= limit);
  }

  /** Whether the key is already over the limit, without counting anything. */
  peek(key: string, limit: number): WindowState {
    const window = this.current(key, false);
    if (!window)
      return { limit, remaining: limit, resetSeconds: this.windowMs / 1000, allowed: true };
    return this.state(window, limit, window.count < limit);
  }

  private current(key: string, create: boolean): Window | undefined {
    const now = this.now();
    let window = this.windows.get(key);
    if (window && now - window.start >= this.windowMs) {
      this.windows.delete(key);
      window = undefined;
    }
    if (!window && create) {
      if (this.windows.size >= MAX_KEYS) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private state(window: Window, limit: number, allowed: boolean): WindowState {
    const resetMs = window.start + this.windowMs - this.now();
    return {
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
      allowed,
    };
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
    for (const key of this.windows.keys()) {
      if (this.windows.size < MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}
