import {
  Router,
  json,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';

/** What can go wrong with a department system, set per simulator. */
export interface FaultConfig {
  /** Added to every answer, in ms. */
  latencyMs: number;
  /** Up to this much more, uniformly random, in ms. */
  jitterMs: number;
  /** Share of requests answered with HTTP 503 (0–1). */
  errorRate: number;
  /** Share of requests never answered (0–1): the connection stays open until the client gives up. */
  hangRate: number;
  /** Every connection is cut at once, as if the system were down. */
  down: boolean;
  /** Share of answers whose body is cut off mid-way (0–1), with a 200 status. */
  malformedRate: number;
}

export const NO_FAULTS: Readonly<FaultConfig> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  hangRate: 0,
  down: false,
  malformedRate: 0,
});

const RATES = ['errorRate', 'hangRate', 'malformedRate'] as const;
const DURATIONS = ['latencyMs', 'jitterMs'] as const;

export class FaultConfigError extends Error {}

/** Checks a partial update: rates in [0, 1], durations ≥ 0, `down` a boolean, nothing unknown. */
export function validateFaultPatch(patch: unknown): Partial<FaultConfig> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new FaultConfigError('faults must be a JSON object');
  }
  const out: Partial<FaultConfig> = {};
  for (const [key, value] of Object.entries(patch)) {
    if ((RATES as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw new FaultConfigError(`${key} must be a number in [0, 1]`);
      out[key as (typeof RATES)[number]] = value;
    } else if ((DURATIONS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 600_000)) {
        throw new FaultConfigError(`${key} must be a number of ms in [0, 600000]`);
      }
      out[key as (typeof DURATIONS)[number]] = value;
    } else if (key === 'down') {
      if (typeof value !== 'boolean') throw new FaultConfigError('down must be true or false');
      out.down = value;
    } else {
      throw new FaultConfigError(`unknown fault ${JSON.stringify(key)}`);
    }
  }
  return out;
}

/**
 * Fault injection for one simulated department, as express middleware placed
 * before the department's routes, plus request counting (per route key) so
 * tests and benchmarks can prove batching at the department's side.
 * Admin routes under `/__admin` are exempt from faults.
 */
export class FaultInjector {
  private current: FaultConfig;
  private readonly counts = new Map<string, number>();
  private readonly hanging = new Set<Response>();

  constructor(
    initial: Partial<FaultConfig> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.current = { ...NO_FAULTS, ...validateFaultPatch(initial) };
  }

  get config(): Readonly<FaultConfig> {
    return this.current;
  }

  update(patch: Partial<FaultConfig>): FaultConfig {
    this.current = { ...this.current, ...validateFaultPatch(patch) };
    return this.current;
  }

  reset(): void {
    this.current = { ...NO_FAULTS };
    this.counts.clear();
  }

  /** Requests seen per `METHOD path` (query left out), since the last reset. */
  stats(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Answers every hanging request with a 503, so servers can close. */
  releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/__admin')) {
        next();
        return;
      }
      const key = `${req.method} ${req.path}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      const f = this.current;
      if (f.down) {
        req.socket.destroy();
        return;
      }
      if (f.hangRate > 0 && this.random() < f.hangRate) {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      const delay = f.latencyMs + (f.jitterMs > 0 ? this.random() * f.jitterMs : 0);
      const proceed = () => {
        if (f.errorRate > 0 && this.random() < f.errorRate) {
          res.status(503).type('text/plain').send('Service Unavailable (simulated)');
          return;
        }
        if (f.malformedRate > 0 && this.random() < f.malformedRate) truncateBody(res);
        next();
      };
      if (delay > 0) setTimeout(proceed, delay);
      else proceed();
    };
  }

  /** `GET /__admin/faults`, `PUT /__admin/faults` (partial update), `POST /__admin/reset`, `GET /__admin/stats`. */
  adminRouter(): Router {
    const router = Router();
    router.get('/__admin/faults', (_req, res) => {
      res.json(this.current);
    });
    router.put('/__admin/faults', json(), (req, res) => {
      try {
        res.json(this.update(req.body as Partial<FaultConfig>));
      } catch (error) {
        res.status(400).json({ error: error instanceof Error ? error.message : String(error) });
      }
    });
    router.post('/__admin/reset', (_req, res) => {
      this.reset();
      res.json(this.current);
    });
    router.get('/__admin/stats', (_req, res) => {
      res.json(this.stats());
    });
    return router;
  }
}

/** Lets the route write its answer, then sends only the first half of it, with the status it chose. */
function truncateBody(res: Response): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown) => {
    if (chunk !== undefined && chunk !== null) chunks.push(Buffer.from(chunk as string));
    return true;
  }) as Response['write'];
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
      chunks.push(Buffer.from(chunk as string));
    const body = Buffer.concat(chunks);
    const cut = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
    res.removeHeader('Content-Length');
    res.setHeader('Content-Length', cut.length);
    write(cut);
    return end();
  }) as Response['end'];
}
