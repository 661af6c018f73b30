// The community's closed lists: the skills a profile picks from (stable codes, French and English labels),
// the visibility levels and the amount ranges of a collaboration. No imports: the schema's CHECK constraints
// and the pages name them.

/** Who sees a profile: its owner only (the default), signed-in members of the network, or everyone. */
export const visibilities = ['private', 'members', 'public'] as const;
export type Visibility = (typeof visibilities)[number];

/** What a confirmed collaboration was worth, as a range only (optional). */
export const amountRanges = ['under-1k', '1k-5k', '5k-20k', 'over-20k'] as const;
export type AmountRange = (typeof amountRanges)[number];

export interface Skill {
  code: string;
  fr: string;
  en: string;
}

/**
 * The curated skills. Codes are stable (profiles and API clients store them); labels may be reworded. A
 * skill a person adds that matches one of these labels once folded becomes the curated one.
 */
export const SKILLS: readonly Skill[] = [
  { code: 'web-development', fr: 'Développement web', en: 'Web development' },
  { code: 'mobile-development', fr: 'Développement mobile', en: 'Mobile development' },
  { code: 'software-engineering', fr: 'Génie logiciel', en: 'Software engineering' },
  { code: 'devops', fr: 'DevOps et hébergement', en: 'DevOps and hosting' },
  { code: 'data-analysis', fr: 'Analyse de données', en: 'Data analysis' },
  { code: 'gis', fr: 'Cartographie et SIG', en: 'Mapping and GIS' },
  { code: 'cybersecurity', fr: 'Cybersécurité', en: 'Cybersecurity' },
  { code: 'it-support', fr: 'Assistance informatique', en: 'IT support' },
  { code: 'network-administration', fr: 'Administration réseau', en: 'Network administration' },
  { code: 'ux-design', fr: 'Design UX', en: 'UX design' },
  { code: 'graphic-design', fr: 'Graphisme', en: 'Graphic design' },
  { code: 'illustration', fr: 'Illustration', en: 'Illustration' },
  { code: 'photography', fr: 'Photographie', en: 'Photography' },
  { code: 'video', fr: 'Vidéo et montage', en: 'Video and editing' },
  { code: 'sound', fr: 'Son et podcast', en: 'Sound and podcasts' },
  { code: 'copywriting', fr: 'Rédaction', en: 'Copywriting' },
  { code: 'translation', fr: 'Traduction', en: 'Translation' },
  { code: 'proofreading', fr: 'Relecture et correction', en: 'Proofreading' },
  { code: 'journalism', fr: 'Journalisme', en: 'Journalism' },
  { code: 'communication', fr: 'Communication', en: 'Communication' },
  { code: 'social-media', fr: 'Réseaux sociaux', en: 'Social media' },
  { code: 'marketing', fr: 'Marketing', en: 'Marketing' },
  { code: 'seo', fr: 'Référencement', en: 'Search engine optimisation' },
  { code: 'event-organisation', fr: 'Organisation d’événements', en: 'Event organisation' },
  { code: 'community-facilitation', fr: 'Animation de communauté', en: 'Community facilitation' },
  { code: 'training', fr: 'Formation', en: 'Training' },
  { code: 'coaching', fr: 'Accompagnement et coaching', en: 'Coaching' },
  { code: 'project-management', fr: 'Gestion de projet', en: 'Project management' },
  { code: 'consulting', fr: 'Conseil en stratégie', en: 'Strategy consulting' },
  { code: 'business-creation', fr: 'Création d’entreprise', en: 'Business creation' },
  { code: 'accounting', fr: 'Comptabilité', en: 'Accounting' },
  { code: 'bookkeeping', fr: 'Tenue de comptes', en: 'Bookkeeping' },
  { code: 'payroll', fr: 'Paie', en: 'Payroll' },
  { code: 'human-resources', fr: 'Ressources humaines', en: 'Human resources' },
  { code: 'legal-advice', fr: 'Conseil juridique', en: 'Legal advice' },
  { code: 'public-procurement', fr: 'Marchés publics', en: 'Public procurement' },
  { code: 'grant-writing', fr: 'Montage de dossiers de financement', en: 'Grant writing' },
  { code: 'administration', fr: 'Secrétariat et administration', en: 'Administrative support' },
  { code: 'sales', fr: 'Vente et développement commercial', en: 'Sales and business development' },
  { code: 'e-commerce', fr: 'Commerce en ligne', en: 'E-commerce' },
  { code: 'customer-service', fr: 'Relation client', en: 'Customer service' },
  { code: 'architecture', fr: 'Architecture', en: 'Architecture' },
  { code: 'interior-design', fr: 'Architecture d’intérieur', en: 'Interior design' },
  { code: 'urban-planning', fr: 'Urbanisme', en: 'Urban planning' },
  { code: 'landscape', fr: 'Paysage', en: 'Landscape design' },
  { code: 'civil-engineering', fr: 'Ingénierie du bâtiment', en: 'Building engineering' },
  { code: 'energy-renovation', fr: 'Rénovation énergétique', en: 'Energy renovation' },
  { code: 'environment', fr: 'Environnement et biodiversité', en: 'Environment and biodiversity' },
  { code: 'agronomy', fr: 'Agronomie', en: 'Agronomy' },
  { code: 'viticulture', fr: 'Viticulture et œnologie', en: 'Viticulture and oenology' },
  { code: 'tourism', fr: 'Tourisme', en: 'Tourism' },
  { code: 'cultural-mediation', fr: 'Médiation culturelle', en: 'Cultural mediation' },
  { code: 'crafts', fr: 'Artisanat', en: 'Crafts' },
  { code: 'digital-fabrication', fr: 'Fabrication numérique', en: 'Digital fabrication' },
  { code: '3d-modelling', fr: 'Modélisation 3D', en: '3D modelling' },
  { code: 'electronics', fr: 'Électronique', en: 'Electronics' },
  { code: 'teaching', fr: 'Enseignement et soutien scolaire', en: 'Teaching and tutoring' },
  { code: 'languages-teaching', fr: 'Cours de langues', en: 'Language lessons' },
  { code: 'health-wellbeing', fr: 'Santé et bien-être', en: 'Health and wellbeing' },
  { code: 'social-work', fr: 'Action sociale', en: 'Social work' },
  { code: 'research', fr: 'Recherche et études', en: 'Research and studies' },
  { code: 'local-development', fr: 'Développement local', en: 'Local development' },
  { code: 'digital-inclusion', fr: 'Médiation numérique', en: 'Digital inclusion' },
  { code: 'quality-management', fr: 'Qualité et certification', en: 'Quality management' },
  { code: 'logistics', fr: 'Logistique', en: 'Logistics' },
];

export const SKILL_CODES: readonly string[] = SKILLS.map((skill) => skill.code);

/** Languages a profile may say it speaks (ISO 639-1), in the order a picker lists them. */
export const PROFILE_LANGUAGES = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'ar', 'oc', 'br', 'eu', 'ca', 'zh', 'ru', 'pl', 'ro'] as const;
export type ProfileLanguage = (typeof PROFILE_LANGUAGES)[number];

/** A free skill's key is its folded words behind this prefix, so it never collides with a curated code. */
export const FREE_SKILL_PREFIX = '~';
