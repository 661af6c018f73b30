import { join, resolve } from 'node:path';

/** Settings read from the environment; the README lists them. */
export interface Config {
  databaseUrl?: string;
  dataDir: string;
  /** The public URL of the instance: links in e-mails, the origin check of forms and authentication. */
  publicUrl: string;
  /** Whether ORIGIN was set; without it, links follow the loopback address a request came to (links.ts). */
  originIsSet: boolean;
  /** smtp://user:password@host:port; absent, messages stay in the outbox (/admin/outbox). */
  smtpUrl?: string;
  mailFrom: string;
  /** Signs sessions and tokens; absent, one is generated once and kept in the database. */
  secret?: string;
  /** Multiplies the per-address authentication rate limits (many coworkers may share one address). */
  ipRateLimitFactor: number;
  /** Embedded database only: the server writes a backup here every day (MAILLAGE_BACKUP_DIR). */
  backupDir?: string;
  /** How many daily backups are kept (MAILLAGE_BACKUP_KEEP, 7). */
  backupKeep: number;
  /** The bearer token of GET /metrics (MAILLAGE_METRICS_TOKEN); absent, /metrics answers 404. */
  metricsToken?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const factor = Number(env.MAILLAGE_IP_RATE_LIMIT_FACTOR || 1);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MAILLAGE_DATA_DIR || 'data'),
    publicUrl: env.ORIGIN || `http://localhost:${env.PORT || 3000}`,
    originIsSet: Boolean(env.ORIGIN),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAILLAGE_MAIL_FROM || 'Maillage <no-reply@maillage.localhost>',
    secret: env.MAILLAGE_SECRET || undefined,
    ipRateLimitFactor: Number.isFinite(factor) && factor > 0 ? factor : 1,
    backupDir: env.MAILLAGE_BACKUP_DIR ? resolve(env.MAILLAGE_BACKUP_DIR) : undefined,
    backupKeep: Math.max(1, Math.floor(Number(env.MAILLAGE_BACKUP_KEEP || 7)) || 7),
    metricsToken: env.MAILLAGE_METRICS_TOKEN || undefined,
  };
}

/** The embedded database's data directory (PGlite), inside MAILLAGE_DATA_DIR. */
export const embeddedDataDir = (config: Config): string => join(config.dataDir, 'pglite');
