/**
 * `npm start`: the whole system in one process. Configuration comes from the
 * environment (see README), the plant from PLANT_FILE.
 */
import pino from 'pino';
import { loadPlantFile, PlantFileError } from '../contract/plant';
import { ConfigError, loadConfig } from './config';
import { startSystem } from './system';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const plant = loadPlantFile(config.PLANT_FILE);
  const system = await startSystem({ config, plant, logger });

  const lines = [
    '',
    `  Dashboard:   ${system.dashboardUrl}`,
    system.adminToken
      ? `               (signs you in as admin; the token is kept in ${config.adminTokenFile}; make more with: npx tsx server/cli/tokens.ts create --role technician --name "…")`
      : '               (the bootstrap admin token was revoked: sign in with a token from npx tsx server/cli/tokens.ts create …)',
    `  MQTT broker: ${system.mqttUrl}`,
    `  Data:        ${config.DATA_DIR}`,
    config.SIMULATOR
      ? `  Simulated plant "${plant.name}" at ${config.SIM_SPEED}x real time (${system.agents.length} edge agents). Ctrl-C stops.`
      : '  Simulator off: point real edge agents at the MQTT broker. Ctrl-C stops.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof PlantFileError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
