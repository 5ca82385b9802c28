/** drizzle-kit config: `npm run db:generate` writes SQL migrations from schema.ts into ./migrations. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
