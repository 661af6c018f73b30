import { describe, expect, it } from 'vitest';
import { readInstance } from './instance.ts';

describe('readInstance', () => {
  it('gives the defaults when nothing is set', () => {
    expect(readInstance({})).toEqual({ name: 'Maillage', contactEmail: null, publisher: null, hosting: null });
  });

  it('reads the name, contact, publisher and hosting, trimmed', () => {
    const instance = readInstance({
      MAILLAGE_INSTANCE_NAME: '  Tiers-lieux du Lot ',
      MAILLAGE_CONTACT_EMAIL: 'contact@tiers-lieux-lot.fr',
      MAILLAGE_PUBLISHER: 'Coopérative des tiers-lieux du Lot, 1 place de la Mairie, 46140 Luzech',
      MAILLAGE_HOSTING: 'Hébergeur SAS, 2 rue du Serveur, 75000 Paris',
    });
    expect(instance).toEqual({
      name: 'Tiers-lieux du Lot',
      contactEmail: 'contact@tiers-lieux-lot.fr',
      publisher: 'Coopérative des tiers-lieux du Lot, 1 place de la Mairie, 46140 Luzech',
      hosting: 'Hébergeur SAS, 2 rue du Serveur, 75000 Paris',
    });
  });

  it('leaves out a contact address that is not one, and empty values', () => {
    expect(readInstance({ MAILLAGE_CONTACT_EMAIL: 'javascript:alert(1)', MAILLAGE_INSTANCE_NAME: '   ' })).toMatchObject({ name: 'Maillage', contactEmail: null });
    expect(readInstance({ MAILLAGE_CONTACT_EMAIL: 'a b@c.fr' }).contactEmail).toBeNull();
  });
});
