/**
 * Agent credentials from the command line (works while the server runs; the
 * broker picks up changes at the next login):
 *
 *   npx tsx gateway/auth/cli.ts add edge-utilities      # prints the new secret once
 *   npx tsx gateway/auth/cli.ts rotate edge-utilities   # new secret; the old one stops working
 *   npx tsx gateway/auth/cli.ts remove edge-utilities
 *   npx tsx gateway/auth/cli.ts list
 *
 * The secret alone goes to stdout (so `MQTT_PASSWORD=$(… add …)` works);
 * everything else to stderr. The file (AGENT_CREDENTIALS_FILE, default
 * DATA_DIR/agent-credentials.json) holds only salted scrypt hashes.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { loadPlantFile } from '../../contract/plant';
import { agentGroups } from '../../edge/plant-agents';
import { addAgentCredentials, listAgentCredentials, removeAgentCredentials, rotateAgentCredentials } from './credentials-admin';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => Date;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  now: () => new Date(),
};

export function buildCredentialsCli(io: CliIo = defaultIo): Command {
  const fileOf = (o: { file?: string }) => resolve(o.file ?? io.env.AGENT_CREDENTIALS_FILE ?? resolve(io.env.DATA_DIR ?? 'data', 'agent-credentials.json'));
  const warnIfNotInPlant = (agentId: string, plantFile: string) => {
    try {
      const ids = agentGroups(loadPlantFile(plantFile)).map((g) => g.agentId);
      if (!ids.includes(agentId)) io.err(`warning: agent "${agentId}" is not in ${plantFile} (agents: ${ids.join(', ')}); the broker refuses it until the plant file lists it\n`);
    } catch (err) {
      io.err(`warning: cannot check the plant file: ${(err as Error).message}\n`);
    }
  };
  const program = new Command('agent-credentials')
    .description('Manage MQTT credentials of edge agents (salted scrypt hashes in the agent credentials file)')
    .exitOverride()
    .configureOutput({ writeOut: io.err, writeErr: io.err });
  const common = (c: Command) =>
    c
      .option('--file <path>', 'credentials file (default AGENT_CREDENTIALS_FILE, else DATA_DIR/agent-credentials.json)')
      .option('--plant <file>', 'plant file to check the agent id against', io.env.PLANT_FILE ?? 'simulators/plants/demo-plant.json');

  common(program.command('add <agentId>').description('give an agent credentials; prints its secret once')).action(
    async (agentId: string, o: { file?: string; plant: string }) => {
      warnIfNotInPlant(agentId, o.plant);
      const file = fileOf(o);
      const secret = await addAgentCredentials(file, agentId, io.now());
      io.err(`Added credentials for agent "${agentId}" to ${file}. The secret below is shown only now; give it to the agent as MQTT_PASSWORD.\n`);
      io.out(`${secret}\n`);
    },
  );
  common(program.command('rotate <agentId>').description('replace an agent\'s secret; prints the new one once')).action(
    async (agentId: string, o: { file?: string }) => {
      const file = fileOf(o);
      const secret = await rotateAgentCredentials(file, agentId, io.now());
      io.err(`Rotated the secret of agent "${agentId}" in ${file}; the old one is refused from its next login. New secret (shown only now):\n`);
      io.out(`${secret}\n`);
    },
  );
  common(program.command('remove <agentId>').description('remove an agent\'s credentials')).action((agentId: string, o: { file?: string }) => {
    const file = fileOf(o);
    removeAgentCredentials(file, agentId);
    io.err(`Removed the credentials of agent "${agentId}" from ${file}; it is refused from its next login.\n`);
  });
  common(program.command('list').description('agents with credentials (never the secrets)')).action((o: { file?: string }) => {
    const rows = listAgentCredentials(fileOf(o));
    if (rows.length === 0) io.err(`No agent credentials in ${fileOf(o)}.\n`);
    for (const r of rows) io.out(`${r.agentId}\tcreated ${r.createdAt}${r.rotatedAt ? `\trotated ${r.rotatedAt}` : ''}\n`);
  });
  return program;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildCredentialsCli()
    .parseAsync(process.argv)
    .catch((err: Error & { code?: string; exitCode?: number }) => {
      if (!err.code?.startsWith('commander.')) process.stderr.write(`${err.message}\n`);
      process.exitCode = err.exitCode ?? 1;
    });
}
