import http from "node:http";
import autocannon from "autocannon";
import { round } from "./measure";

/**
 * HTTP load over loopback against a running server: one client at a time (a person waiting for
 * a page) with our own timer per request, or many at once with autocannon. Both fail loudly on any
 * non-2xx answer, so a benchmark can never time error pages.
 */

export interface Latency {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Requests per second (for concurrent runs). */
  rps?: number;
  /**
   * The server's own time for the same requests, from its `Server-Timing: app;dur=` header: from
   * the request being read to the response being ready (routing, database, rendering), without
   * the loopback hop or the time a request waits in the socket for the event loop.
   */
  server?: Latency;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarise(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    p99: round(percentile(sorted, 99), 2),
    max: round(sorted[sorted.length - 1]!, 2),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

const serverTimingOf = (headers: http.IncomingHttpHeaders | undefined) => {
  const match = /app;dur=([\d.]+)/.exec(String(headers?.["server-timing"] ?? ""));
  return match ? Number(match[1]) : undefined;
};

/**
 * One GET, timed from sending to the last byte; resolves with milliseconds, the body size and the
 * server's own time (Server-Timing). One keep-alive connection unless the caller brings its own agent.
 */
function timedGet(
  base: string,
  path: string,
  cookie: string,
  via: http.Agent = agent,
): Promise<{ ms: number; bytes: number; serverMs: number | undefined }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(`${base}${path}`, { agent: via, headers: { cookie } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => {
        if (response.statusCode !== 200) reject(new Error(`GET ${path} answered ${response.statusCode}`));
        else resolve({ ms: performance.now() - started, bytes, serverMs: serverTimingOf(response.headers) });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** The body of one GET, for checking what a benchmark is about to time. */
export async function getBody(base: string, path: string, cookie: string): Promise<string> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return response.text();
}

/** Each path in turn, `rounds` times over, one request at a time; after `warmup` untimed rounds. */
export async function sequentialLatency(base: string, paths: string[], cookie: string, rounds: number, warmup = 1): Promise<Latency> {
  for (let i = 0; i < warmup; i++) for (const path of paths) await timedGet(base, path, cookie);
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) for (const path of paths) ms.push((await timedGet(base, path, cookie)).ms);
  return summarise(ms);
}

/**
 * `connections` clients at once for `seconds`, cycling through `paths` (autocannon, HTTP/1.1
 * keep-alive). Every response time is collected from autocannon's `response` event, so the
 * percentiles are exact rather than read off its fixed list (which has no p95).
 */
export async function concurrentLatency(
  base: string,
  paths: string[],
  cookie: string,
  connections: number,
  seconds: number,
): Promise<Latency> {
  const ms: number[] = [];
  const serverMs: number[] = [];
  const serverTime = (_status: number, _body: string, _context: object, headers?: http.IncomingHttpHeaders) => {
    const ms = serverTimingOf(headers);
    if (ms !== undefined) serverMs.push(ms);
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        headers: { cookie },
        requests: paths.map((path) => ({ method: "GET" as const, path, onResponse: serverTime })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => ms.push(responseTime));
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${failed} of ${result.requests.total} requests to ${paths[0]} … failed (non-2xx, errors or timeouts)`);
  if (serverMs.length !== ms.length) throw new Error(`${ms.length - serverMs.length} responses had no Server-Timing header`);
  return { ...summarise(ms), rps: round(ms.length / seconds, 1), server: summarise(serverMs) };
}

/**
 * `users` people at once, each on their own keep-alive connection, each opening the next page a
 * random while after the last one arrived (exponential think time, mean `thinkMs`), for `seconds`.
 * Unlike autocannon's rate option, which sends each second's requests in one burst, requests
 * arrive spread out as people's clicks do, some overlapping.
 */
export async function pacedLatency(
  base: string,
  path: string,
  cookie: string,
  users: number,
  seconds: number,
  thinkMs: number,
): Promise<Latency> {
  const ms: number[] = [];
  const serverMs: number[] = [];
  const end = performance.now() + seconds * 1000;
  const think = () => new Promise((resolve) => setTimeout(resolve, -Math.log(1 - Math.random()) * thinkMs));
  const user = async () => {
    const own = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await think();
      while (performance.now() < end) {
        const got = await timedGet(base, path, cookie, own);
        ms.push(got.ms);
        if (got.serverMs === undefined) throw new Error(`GET ${path} had no Server-Timing header`);
        serverMs.push(got.serverMs);
        await think();
      }
    } finally {
      own.destroy();
    }
  };
  await Promise.all(Array.from({ length: users }, user));
  return { ...summarise(ms), rps: round(ms.length / seconds, 1), server: summarise(serverMs) };
}
