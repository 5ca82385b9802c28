/** Process entry point for `npm run nab` (see nab-command.ts). */
import { runNabCommand } from './nab-command';

const code = await runNabCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
