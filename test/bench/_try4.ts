import { runReplayBench } from './replay-bench';
console.log(runReplayBench({ devices: 1000, pointsPerDevice: Number(process.argv[2] ?? 3600) }));
