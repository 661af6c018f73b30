import { parseDefinition, type Choice, type SurveyDefinition, type Texts } from './definition.ts';

/*
 * "Besoins en coworking — modèle CCVLV 2016": the questionnaire the Communauté de communes de la Vallée du
 * Lot et du Vignoble put online in 2016 before opening its place, rebuilt from the results it published
 * (every topic of the summary has its question). Two paths, chosen by the first question: a person, or a
 * company. The published findings the demo answers follow are in demo.ts.
 */

const t = (fr: string, en: string): Texts => ({ fr, en });
const choices = (...list: [string, string, string][]): Choice[] => list.map(([code, fr, en]) => ({ code, label: t(fr, en) }));
const person = { question: 'respondent', anyOf: ['person'] };
const company = { question: 'respondent', anyOf: ['company'] };

export const TEMPLATE_CODE = 'ccvlv-2016';

export const CCVLV_2016: SurveyDefinition = parseDefinition({
  title: t('Besoins en coworking — modèle CCVLV 2016', 'Coworking needs — CCVLV 2016 template'),
  intro: t(
    'Votre communauté de communes étudie l’ouverture d’un espace de coworking. Vos réponses sont anonymes : ni adresse IP, ni heure, ni compte.',
    'Your community of communes is studying the opening of a coworking space. Your answers are anonymous: no IP address, no time, no account.',
  ),
  sections: [
    {
      code: 'start',
      title: t('Vous répondez…', 'You answer…'),
      questions: [
        {
          code: 'respondent',
          type: 'single',
          required: true,
          label: t('Vous répondez en tant que', 'You answer as'),
          choices: choices(['person', 'particulier (habitant, salarié, indépendant)', 'a person (resident, employee, freelancer)'], ['company', 'entreprise', 'a company']),
        },
      ],
    },
    {
      code: 'coworking',
      title: t('Le coworking et le projet', 'Coworking and the project'),
      questions: [
        { code: 'aware', type: 'yesno', required: true, label: t('Connaissiez-vous le coworking avant cette enquête ?', 'Did you know about coworking before this survey?') },
        { code: 'practised', type: 'yesno', label: t('Avez-vous déjà travaillé dans un espace de coworking ?', 'Have you ever worked in a coworking space?') },
        {
          code: 'reception',
          type: 'scale',
          label: t('Que pensez-vous d’un espace de coworking sur le territoire ?', 'What do you think of a coworking space in the area?'),
          low: t('pas utile', 'not useful'),
          high: t('très utile', 'very useful'),
        },
        {
          code: 'effect',
          type: 'single',
          label: t('Serait-ce positif pour votre activité ?', 'Would it be good for your work?'),
          choices: choices(['yes', 'oui', 'yes'], ['rather_yes', 'plutôt oui', 'rather yes'], ['rather_no', 'plutôt non', 'rather not'], ['no', 'non', 'no'], ['unknown', 'je ne sais pas', 'I do not know']),
        },
        {
          code: 'motivations',
          type: 'multiple',
          max: 3,
          other: true,
          label: t('Vos principales motivations (3 au plus)', 'Your main reasons (3 at most)'),
          choices: choices(
            ['social', 'le lien social, rompre l’isolement', 'social contact, less isolation'],
            ['internet', 'une connexion internet de qualité', 'a good internet connection'],
            ['network', 'intégrer un réseau professionnel', 'joining a professional network'],
            ['separation', 'séparer vie privée et travail', 'keeping work apart from home'],
            ['travel', 'moins de déplacements', 'less travel'],
            ['equipment', 'des équipements (imprimante, salle de réunion)', 'equipment (printer, meeting room)'],
          ),
        },
        {
          code: 'services',
          type: 'multiple',
          label: t('Quels services souhaiteriez-vous ?', 'Which services would you like?'),
          choices: choices(
            ['training', 'formations', 'training'],
            ['support', 'accompagnement de projets', 'project support'],
            ['animation', 'animation, événements', 'events and community'],
            ['meeting_rooms', 'salles de réunion', 'meeting rooms'],
            ['domiciliation', 'domiciliation d’entreprise', 'registered address'],
            ['childcare', 'lien avec la garde d’enfants', 'childcare links'],
          ),
        },
        {
          code: 'involvement',
          type: 'single',
          label: t('Vous impliqueriez-vous dans la vie du lieu ?', 'Would you take part in the life of the place?'),
          choices: choices(['regularly', 'oui, régulièrement', 'yes, regularly'], ['sometimes', 'de temps en temps', 'from time to time'], ['no', 'non', 'no']),
        },
        {
          code: 'frequency',
          type: 'single',
          label: t('À quelle fréquence l’utiliseriez-vous ?', 'How often would you use it?'),
          choices: choices(
            ['daily', 'tous les jours', 'every day'],
            ['weekly', 'plusieurs fois par semaine', 'several times a week'],
            ['monthly', 'plusieurs fois par mois', 'several times a month'],
            ['as_needed', 'ponctuellement, selon les besoins', 'now and then, as needed'],
            ['never', 'jamais', 'never'],
          ),
        },
        {
          code: 'location',
          type: 'single',
          other: true,
          label: t('Où devrait se trouver le lieu ?', 'Where should the place be?'),
          choices: choices(['bourg', 'dans un bourg avec commerces et services', 'in a village with shops and services'], ['town', 'en ville', 'in a town'], ['countryside', 'à la campagne, au calme', 'in the quiet countryside']),
        },
        { code: 'host', type: 'yesno', label: t('Souhaitez-vous une personne pour l’accueil et l’animation ?', 'Would you like someone at the desk to welcome and run the place?') },
        {
          code: 'price',
          type: 'single',
          label: t('Quel prix pour une journée vous semble juste ?', 'What price for a day seems fair?'),
          choices: choices(['under_10', 'moins de 10 €', 'under €10'], ['10_20', 'de 10 à 20 €', '€10 to €20'], ['20_30', 'de 20 à 30 €', '€20 to €30'], ['over_30', 'plus de 30 €', 'over €30']),
        },
        {
          code: 'priorities',
          type: 'ranking',
          max: 3,
          label: t('Classez ce qui compte le plus pour vous (3 au plus)', 'Rank what matters most to you (3 at most)'),
          choices: choices(
            ['price', 'le prix', 'the price'],
            ['internet', 'le débit internet', 'internet speed'],
            ['nearby', 'la proximité', 'being close by'],
            ['friendly', 'la convivialité', 'a friendly place'],
            ['hours', 'les horaires', 'opening hours'],
            ['services', 'les services', 'services'],
          ),
        },
      ],
    },
    {
      code: 'person',
      title: t('Votre profil', 'About you'),
      showIf: person,
      questions: [
        { code: 'commune', type: 'commune', required: true, label: t('Votre commune', 'Your commune') },
        { code: 'age', type: 'age', label: t('Votre âge', 'Your age') },
        {
          code: 'origin',
          type: 'single',
          label: t('Êtes-vous originaire du Lot ?', 'Are you from the Lot?'),
          choices: choices(['lot', 'oui', 'yes'], ['region', 'non, de la région', 'no, from the region'], ['france', 'non, d’ailleurs en France', 'no, from elsewhere in France'], ['abroad', 'non, de l’étranger', 'no, from abroad']),
        },
        {
          code: 'difficulties',
          type: 'ranking',
          max: 3,
          label: t('Vos principales difficultés, par ordre (3 au plus)', 'Your main difficulties, in order (3 at most)'),
          choices: choices(
            ['isolation', 'l’isolement', 'isolation'],
            ['travel', 'les déplacements', 'travel'],
            ['employment', 'l’emploi', 'employment'],
            ['internet', 'l’accès à internet', 'internet access'],
            ['services', 'l’accès aux services', 'access to services'],
          ),
        },
        {
          code: 'digital',
          type: 'scale',
          label: t('Quelle place tient le numérique dans votre travail ?', 'How much does digital matter in your work?'),
          low: t('aucune', 'none'),
          high: t('indispensable', 'essential'),
        },
        { code: 'work_distance', type: 'number', min: 0, max: 300, unit: t('km', 'km'), label: t('Distance entre votre domicile et votre lieu de travail', 'Distance from home to work') },
        { code: 'associations', type: 'yesno', label: t('Participez-vous à la vie associative locale ?', 'Do you take part in local associations?') },
      ],
    },
    {
      code: 'settling',
      title: t('Votre installation', 'Settling here'),
      showIf: { question: 'origin', anyOf: ['region', 'france', 'abroad'] },
      questions: [
        {
          code: 'settle_reasons',
          type: 'multiple',
          other: true,
          label: t('Pourquoi vous êtes-vous installé·e ici ?', 'Why did you settle here?'),
          choices: choices(
            ['countryside', 'le choix de vivre à la campagne', 'choosing to live in the countryside'],
            ['family', 'des raisons familiales', 'family reasons'],
            ['work', 'le travail', 'work'],
            ['quality', 'le cadre de vie (nature, calme)', 'quality of life (nature, quiet)'],
            ['housing', 'le coût du logement', 'the cost of housing'],
          ),
        },
      ],
    },
    {
      code: 'company',
      title: t('Votre entreprise', 'Your company'),
      showIf: company,
      questions: [
        { code: 'company_commune', type: 'commune', required: true, label: t('Commune de l’entreprise', 'The company’s commune') },
        {
          code: 'why_here',
          type: 'single',
          other: true,
          label: t('Pourquoi l’entreprise s’est-elle installée ici ?', 'Why did the company settle here?'),
          choices: choices(['personal', 'pour des raisons personnelles', 'personal reasons'], ['professional', 'par choix professionnel', 'a business choice'], ['territory', 'à l’initiative du territoire (salon, démarchage)', 'the area’s own initiative (fair, marketing)']),
        },
        {
          code: 'market',
          type: 'single',
          label: t('Votre marché est surtout', 'Your market is mostly'),
          choices: choices(['local', 'local', 'local'], ['departement', 'départemental', 'the département'], ['region', 'régional', 'regional'], ['national', 'national', 'national'], ['international', 'international', 'international']),
        },
        {
          code: 'company_difficulties',
          type: 'ranking',
          max: 3,
          label: t('Vos principales difficultés, par ordre (3 au plus)', 'Your main difficulties, in order (3 at most)'),
          choices: choices(
            ['internet', 'l’accès à un internet de qualité', 'good internet access'],
            ['economy', 'le faible dynamisme économique', 'a weak local economy'],
            ['distance', 'la distance des centres urbains', 'distance from cities'],
            ['support', 'l’offre d’accompagnement insuffisante', 'too little business support'],
            ['services', 'l’accès aux services', 'access to services'],
            ['recruitment', 'le recrutement', 'recruiting'],
          ),
        },
        {
          code: 'digital_use',
          type: 'multiple',
          label: t('Vos usages numériques', 'Your digital tools'),
          choices: choices(['website', 'un site vitrine', 'a website'], ['social', 'les réseaux sociaux', 'social networks'], ['ecommerce', 'la vente en ligne', 'online sales'], ['cloud', 'des outils en ligne (cloud)', 'online tools (cloud)']),
        },
        {
          code: 'digital_view',
          type: 'single',
          label: t('Le numérique est pour votre activité', 'For your business, digital is'),
          choices: choices(['opportunity', 'une opportunité', 'an opportunity'], ['threat', 'une menace', 'a threat'], ['both', 'les deux', 'both']),
        },
        {
          code: 'company_needs',
          type: 'multiple',
          label: t('Vos priorités', 'Your priorities'),
          choices: choices(['bandwidth', 'un meilleur débit internet', 'faster internet'], ['digital_services', 'des prestations pour la transition numérique', 'digital transition services'], ['training', 'des formations', 'training'], ['support', 'de l’accompagnement', 'business support']),
        },
        { code: 'network', type: 'yesno', required: true, label: t('Souhaitez-vous un réseau local d’entrepreneurs ?', 'Would you like a local network of entrepreneurs?') },
        { code: 'employees', type: 'number', min: 0, max: 5000, label: t('Nombre de salariés', 'Number of employees') },
      ],
    },
    {
      code: 'end',
      title: t('Pour finir', 'Finally'),
      questions: [{ code: 'comments', type: 'text', maxLength: 1000, label: t('Une remarque, une idée pour le lieu ?', 'A remark, an idea for the place?') }],
    },
  ],
});
