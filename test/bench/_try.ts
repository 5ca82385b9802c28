import { runIngestBench } from './ingest-bench';
const scales = (process.argv[2] ?? '1000').split(',').map(Number);
const r = await runIngestBench({ scales, rounds: Number(process.argv[3] ?? 2), firstWarmupS: 3, warmupS: 2, measureS: 4, samplesPerMessage: 100, window: 64, profileDir: process.env.PROF, devicesPerClient: (n) => Math.min(500, Math.max(100, Math.ceil(n / 20))) });
console.log(JSON.stringify(r, null, 1));
