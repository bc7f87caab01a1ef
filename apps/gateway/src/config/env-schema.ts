/**
 * A tiny declarative reader for environment variables: every variable names what it expects,
 * so a bad value stops the boot with a message an operator can act on.
 */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface VarSpec<T> {
  /** What the variable expects, in words, used in error messages and the README. */
  readonly expects: string;
  parse(raw: string): T | undefined;
}

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  required<T>(name: string, spec: VarSpec<T>, fallback: T): T {
    return this.optional(name, spec) ?? fallback;
  }

  optional<T>(name: string, spec: VarSpec<T>): T | undefined {
    const raw = this.env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const value = spec.parse(raw.trim());
    if (value === undefined) {
      // Never echo the raw value: it may be a secret.
      this.problems.push(`${name} must be ${spec.expects}`);
    }
    return value;
  }

  /** Records a cross-variable problem (for example a value required only in some deployments). */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws one error listing every problem found, so an operator fixes them all in one go. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

export const integer = (min: number, max: number): VarSpec<number> => ({
  expects: `an integer from ${min} to ${max}`,
  parse: (raw) => {
    if (!/^-?\d+$/.test(raw)) return undefined;
    const n = Number(raw);
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
  },
});

export const oneOf = <T extends string>(values: readonly T[]): VarSpec<T> => ({
  expects: `one of ${values.join(', ')}`,
  parse: (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined),
});

export const text = (expects: string, pattern: RegExp): VarSpec<string> => ({
  expects,
  parse: (raw) => (pattern.test(raw) ? raw : undefined),
});

export const boolean: VarSpec<boolean> = {
  expects: 'true or false',
  parse: (raw) => {
    const v = raw.toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    return undefined;
  },
};
