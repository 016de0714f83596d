/** Command-line options of `npm run bench`; every one has a default, so a bare run is the measured run. */
export interface BenchOptions {
  /** 1 = the full data set; "small" = 1/100 (the CI smoke run). */
  scale: number;
  scaleName: string;
  database: 'postgres' | 'sqlite';
  /** Seconds of measurement per scenario and connection count (10; 2 below scale 0.1). */
  duration: number;
  /** Seconds of warm-up per scenario, not recorded (3; 1 below scale 0.1). */
  warmup: number;
  connections: number[];
  /** Only scenarios whose name contains one of these strings (empty: all). */
  only: string[];
  /** Drop the cached data set and generate it again. */
  regenerate: boolean;
}

const SCALES: Record<string, number> = { full: 1, small: 0.01, tiny: 0.002 };

const usage = `npm run bench -- [--scale full|small|tiny|<number>] [--sqlite] [--duration s] [--warmup s]
                  [--connections 10,100] [--only name,name] [--regenerate]`;

export const parseOptions = (argv: string[]): BenchOptions => {
  const options: BenchOptions = {
    scale: 1,
    scaleName: 'full',
    database: 'postgres',
    duration: 10,
    warmup: 3,
    connections: [10, 100],
    only: [],
    regenerate: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[(i += 1)];
      if (next === undefined) throw new Error(`${flag} needs a value\n${usage}`);
      return next;
    };
    switch (flag) {
      case '--scale': {
        const raw = value();
        const scale = SCALES[raw] ?? Number(raw);
        if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error(`bad --scale ${raw}\n${usage}`);
        options.scale = scale;
        options.scaleName = raw in SCALES ? raw : `x${raw}`;
        break;
      }
      case '--sqlite':
        options.database = 'sqlite';
        break;
      case '--postgres':
        options.database = 'postgres';
        break;
      case '--duration':
        options.duration = Number(value());
        break;
      case '--warmup':
        options.warmup = Number(value());
        break;
      case '--connections':
        options.connections = value()
          .split(',')
          .map((n) => Number(n))
          .filter((n) => Number.isInteger(n) && n > 0);
        break;
      case '--only':
        options.only = value().split(',').filter(Boolean);
        break;
      case '--regenerate':
        options.regenerate = true;
        break;
      case '--help':
      case '-h':
        console.log(usage);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${usage}`);
    }
  }
  // A smoke run (small scales) checks that everything works, not how fast: shorter windows
  // unless asked otherwise.
  if (options.scale < 0.1) {
    if (!argv.some((arg) => arg.startsWith('--duration'))) options.duration = 2;
    if (!argv.some((arg) => arg.startsWith('--warmup'))) options.warmup = 1;
  }
  if (!(options.duration > 0) || !(options.warmup >= 0) || options.connections.length === 0) throw new Error(usage);
  return options;
};
