import { runEdgeAgentsBench } from './edge-agents-bench';
console.log(await runEdgeAgentsBench({ devices: 1000, speed: Number(process.argv[2] ?? 50), warmupS: 3, measureS: 6 }));
