import { runHttpBench } from './http-bench';
const r = await runHttpBench({ workOrders: Number(process.argv[2] ?? 100000), telemetryPoints: 604800, lines: 200, devices: 1000, requests: 100, warmup: 10, budgetMs: 6000, profileDir: process.env.PROF });
console.log(JSON.stringify(r.endpoints.map((e) => ({ name: e.name, items: e.items, bytes: e.bytes, p50: e.latency?.p50, p99: e.latency?.p99, note: e.note })), null, 1), r.seedMs, r.startupMs);
