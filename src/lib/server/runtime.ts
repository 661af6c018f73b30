import type { BetterAuthPlugin } from 'better-auth';
import { createAuth, instanceSecret, registerPrivacy, type Accounts } from './accounts/index.ts';
import { bookingPrivacy } from './booking/index.ts';
import { eventsPrivacy } from './events/index.ts';
import { observatoryPrivacy } from './observatory/index.ts';
import { embeddedDataDir, readConfig, type Config } from './config.ts';
import { migrateDatabase, openDatabase, type Database } from './db/index.ts';
import { createMailer, smtpSender } from './mail/index.ts';
import { placesPrivacy } from './places/index.ts';
import { surveysPrivacy } from './surveys/index.ts';
import { communityPrivacy } from './community/index.ts';
import { impactPrivacy } from './impact/index.ts';
import { loadTerritory } from './territory/index.ts';

export interface Runtime {
  database: Database;
  migrationLevel: string;
  accounts: Accounts;
}

/**
 * Applies pending migrations and loads reference data that is missing or outdated; returns the
 * migration level. The app, the CLI and the benchmarks prepare a database the same way.
 */
export async function prepareDatabase(database: Database, log: (line: string) => void = () => {}): Promise<string> {
  const migrationLevel = await migrateDatabase(database);
  log(`database ${database.engine} at ${database.location}, migration ${migrationLevel}`);
  const territory = await loadTerritory(database.db);
  if (territory.loaded) log(`territory loaded: ${territory.communes} communes`);
  return migrationLevel;
}

/** Authentication and mail for a prepared database. `authPlugins`: framework glue (SvelteKit's cookies). */
export async function createAccounts(database: Database, config: Config, authPlugins: BetterAuthPlugin[] = []): Promise<Accounts> {
  const db = database.db;
  // Each domain's part of a person's export and erasure: accounts reads no other domain's tables.
  registerPrivacy(placesPrivacy);
  registerPrivacy(bookingPrivacy);
  registerPrivacy(observatoryPrivacy);
  registerPrivacy(surveysPrivacy);
  registerPrivacy(communityPrivacy);
  registerPrivacy(eventsPrivacy);
  registerPrivacy(impactPrivacy);
  const mailer = createMailer(db, config.smtpUrl ? await smtpSender(config.smtpUrl, config.mailFrom) : undefined);
  const auth = createAuth({
    db,
    mailer,
    baseURL: config.publicUrl,
    originIsSet: config.originIsSet,
    secret: await instanceSecret(db, config.secret),
    ipRateLimitFactor: config.ipRateLimitFactor,
    plugins: authPlugins,
  });
  return { db, auth, mailer, baseURL: config.publicUrl };
}

/** Opens the database of this process and prepares it. */
export async function startRuntime(
  config: Config = readConfig(),
  log: (line: string) => void = () => {},
  authPlugins: BetterAuthPlugin[] = [],
): Promise<Runtime> {
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: embeddedDataDir(config) },
  );
  try {
    const migrationLevel = await prepareDatabase(database, log);
    return { database, migrationLevel, accounts: await createAccounts(database, config, authPlugins) };
  } catch (error) {
    await database.close();
    throw error;
  }
}
