/** Process entry point for `npm run backtest` (see backtest-command.ts). */
import { runBacktestCommand } from './backtest-command';

const code = await runBacktestCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
