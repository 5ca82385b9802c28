import { runLatencyBench } from './latency-bench';
console.log(JSON.stringify(await runLatencyBench({ trials: Number(process.argv[2] ?? 20), backgroundDevices: 1000, backgroundRate: 10000, warmupS: 3 }), null, 1));
