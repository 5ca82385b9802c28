/**
 * Access tokens from the command line (works while the server runs):
 *   npx tsx server/cli/tokens.ts create --role technician --name "Maria Weber"
 *   npx tsx server/cli/tokens.ts list
 *   npx tsx server/cli/tokens.ts revoke 3
 * Uses DATA_DIR like the server.
 */
import { Command, InvalidArgumentError } from 'commander';
import { isRole, ROLE_DESCRIPTIONS, ROLES } from '../auth/roles';
import { createTokenService } from '../auth/token-service';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';

function withTokens<T>(fn: (tokens: ReturnType<typeof createTokenService>) => T): T {
  const config = loadConfig();
  const database = openDatabase(config.appDbFile);
  try {
    return fn(createTokenService({ database, now: Date.now }));
  } finally {
    database.close();
  }
}

const program = new Command('tokens').description('Manage API access tokens (stored hashed in DATA_DIR/pdm.db).');

program
  .command('create')
  .description('create a token; its secret is printed once')
  .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`, (v) => {
    if (!isRole(v)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
    return v;
  })
  .requiredOption('--name <name>', 'the person or screen it belongs to (shown on the timeline)')
  .option('--url <base>', 'dashboard base URL, to print a sign-in link', 'http://127.0.0.1:8080')
  .action((opts: { role: (typeof ROLES)[number]; name: string; url: string }) => {
    const created = withTokens((t) => t.create({ name: opts.name, role: opts.role, createdBy: 'cli' }));
    process.stdout.write(
      [
        `Created token ${created.id} for ${created.name} (${created.role}: ${ROLE_DESCRIPTIONS[created.role]}).`,
        `Secret (shown only now): ${created.token}`,
        `Sign-in link: ${opts.url.replace(/\/$/, '')}/#token=${created.token}`,
        created.role === 'display' ? `For a wall screen, open the link once, then ${opts.url.replace(/\/$/, '')}/#/map?kiosk=1` : '',
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
  });

program
  .command('list')
  .description('list tokens (never their secrets)')
  .action(() => {
    for (const t of withTokens((s) => s.list())) {
      const state = t.revokedAt ? `revoked ${new Date(t.revokedAt).toISOString()}` : `last used ${t.lastUsedAt ? new Date(t.lastUsedAt).toISOString() : 'never'}`;
      process.stdout.write(`${t.id}\t${t.role}\t${t.name}\t${state}\n`);
    }
  });

program
  .command('revoke <id>')
  .description('revoke a token by id')
  .action((id: string) => {
    const t = withTokens((s) => s.revoke(Number(id)));
    process.stdout.write(`Revoked token ${t.id} (${t.name}, ${t.role}).\n`);
  });

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
