// The demo accounts `maillage demo seed` creates, with their fixed password. Demo instances only: anyone who
// reads the README can sign in with them. No imports, so the browser tests read the same list.

export const DEMO_PASSWORD = 'demo-maillage-2026';

export interface DemoAccount {
  email: string;
  name: string;
  /** What the account is for, as `demo seed` prints it. */
  role: string;
}

export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@demo.maillage.fr', name: 'Adèle Démo', role: 'platform administrator' },
  operator: { email: 'operateur@demo.maillage.fr', name: 'Olivier Démo', role: 'owner of the operator Coopérative des tiers-lieux du Lot' },
  council: { email: 'elu@demo.maillage.fr', name: 'Élise Démo', role: 'owner of the council of the CC de la Vallée du Lot et du Vignoble' },
  coworker: { email: 'coworker@demo.maillage.fr', name: 'Camille Démo', role: 'coworker living in Luzech (46182)' },
} as const satisfies Record<string, DemoAccount>;

export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS;

export const DEMO_OPERATOR_NAME = 'Coopérative des tiers-lieux du Lot';
export const DEMO_COUNCIL_NAME = 'Communauté de communes de la Vallée du Lot et du Vignoble';
/** The demo coworker's home commune: Luzech, in the Lot. */
export const DEMO_HOME_COMMUNE = '46182';
