import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/lib/server/*/schema.ts',
  out: './drizzle',
  casing: 'snake_case',
  strict: true,
  migrations: { prefix: 'timestamp' },
});
