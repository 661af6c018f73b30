// Who runs this instance, as its pages say it (footer, legal notice, personal-data and accessibility pages).
// Read from the environment (README, "Settings"); nothing here is secret: every visitor reads it.

export interface Instance {
  /** The name the instance goes by: the header, the footer and the page titles of the legal pages. */
  name: string;
  /** Where people write to the instance (questions, personal-data requests, accessibility reports); null: not given. */
  contactEmail: string | null;
  /** Who publishes the instance (legal notice): an organization's name and address; null: not given. */
  publisher: string | null;
  /** Who hosts it (legal notice): the hosting company's name and address; null: not given. */
  hosting: string | null;
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/** A setting's text, trimmed; empty or absent is null. */
const text = (value: string | undefined, max = 300) => {
  const trimmed = value?.trim().slice(0, max);
  return trimmed ? trimmed : null;
};

export function readInstance(env: NodeJS.ProcessEnv = process.env): Instance {
  const email = text(env.MAILLAGE_CONTACT_EMAIL, 254);
  return {
    name: text(env.MAILLAGE_INSTANCE_NAME, 80) ?? 'Maillage',
    // A malformed address would give a broken mailto link: left out, as if not given.
    contactEmail: email && EMAIL.test(email) ? email : null,
    publisher: text(env.MAILLAGE_PUBLISHER),
    hosting: text(env.MAILLAGE_HOSTING),
  };
}
