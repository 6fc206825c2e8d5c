/**
 * The sample programme shipped in resources/sample.rcs (DESIGN §11): a development-oriented
 * reintegration programme in an illustrative West African country (the country is fictional), with
 * a returnee caseload that drives its individual and staffing lines, lines at all four levels, two
 * currencies and four funding sources; three scenarios a donor asks about (fewer arrivals, the main
 * partner dropping out, a weaker franc) and uncertainty ranges for a Monte-Carlo run.
 *
 * Rules this file keeps:
 * - every figure taken from the domain sources is cited in the line's justification with its source
 *   and line reference, and was checked against the source text itself (tests/unit/sample-model.test.ts
 *   re-checks every quotation against the source files when they are present);
 *   "Knowledge Paper #2, Lnnn" = shared/domain/sources/knowledge-paper-2-development-and-reintegration.txt,
 *   "Reintegration: Effective approaches (IOM 2015), §x, Lnnn" = shared/domain/sources/reintegration-effective-approaches-2015.md,
 *   "digest" = shared/domain/knowledge-paper-2-digest.md (its figures marked "derived" are arithmetic, not source figures);
 * - every other figure (unit costs, caseload, take-up shares, funder shares) is our own and is
 *   marked "Assumption:";
 * - the exchange rate XOF per EUR is the CFA franc's fixed parity with the euro (655.957), a legal
 *   parity and not a forecast; it is not from the domain sources.
 *
 * Checks the sample shows on purpose (tests/unit/sample-checks.test.ts pins them):
 * - the partner municipalities (a pipeline co-financier) are asked for more than their indicative
 *   ceiling (EUR 225,000): the designer sees that the co-financing still has to be negotiated or the
 *   split changed. It is the sample's one finding of severity 'error', and it is deliberate;
 * - the returnee groups running a waste-collection service are returnee-only, as in the source's
 *   Daloa example: a do-no-harm note;
 * - the partner municipalities' pipeline co-financing is a share of the budget the programme cannot
 *   count on yet (about 4 %): a note; and the national health scheme's take-over is agreed only in
 *   principle, a state programme the budget relies on (IOM 2015, L443): a note;
 * - arrivals run to month 30 while everyone is followed 12 months, so the returnees arriving after
 *   month 25 (adults, families, victims of trafficking, health needs; not the children, whose
 *   arrivals end in month 19) cannot finish their follow-up inside the 36 months: a warning per
 *   profile. Left as it is for now (moving the arrivals changes every figure the tests pin); ending
 *   the arrivals in month 25 would clear them.
 * Community lines that reach people only indirectly (planning, cohesion events, awareness) carry no
 * beneficiaries, so that nobody is counted twice in the reach metrics.
 */
import type {
  BudgetLine,
  Category,
  Currency,
  Dimension,
  Driver,
  Funder,
  FundingShare,
  Level,
  Modality,
  Model,
  ParameterRange,
  Partner,
  Profile,
  ProfileOverride,
  Programme,
  Scenario,
  Synergy,
} from '../../src-shared/model';
import { allocate, dec, mul, rat, rationalToDecimal, roundHalfAway } from '../../src-shared/money';

const KP2 = 'Knowledge Paper #2';
const R2015 = 'Reintegration: Effective approaches (IOM 2015)';

/** The CFA franc (XOF) is pegged to the euro: 1 EUR = 655.957 XOF. */
export const XOF_PER_EUR = '655.957';
const DURATION = 36;

// ---------------------------------------------------------------------------------------------
// Caseload
// ---------------------------------------------------------------------------------------------

/** Victims of trafficking arrive in clusters after identification operations (assumption). */
const VOT_MONTHLY = [0, 0, 4, 3, 1, 0, 0, 1, 5, 4, 1, 0, 0, 1, 5, 4, 1, 0, 0, 0, 4, 3, 0, 0, 0, 0, 3, 0, 0, 0];

export const SAMPLE_PROFILES: Profile[] = [
  {
    id: 'p-adult',
    position: 0,
    name: 'Adults returning alone',
    kind: 'adult',
    unit: 'person',
    personsPerUnit: '1',
    arrivals: 780,
    // Front-loaded: a backlog of stranded migrants waiting for assisted return when the programme opens.
    pattern: 'front',
    monthly: [],
    arrivalStart: 2,
    arrivalEnd: 30,
    durationMonths: 12,
  },
  {
    id: 'p-family',
    position: 1,
    name: 'Families (per household, 5 persons)',
    kind: 'family',
    unit: 'household',
    personsPerUnit: '5',
    arrivals: 50,
    pattern: 'even',
    monthly: [],
    arrivalStart: 4,
    arrivalEnd: 30,
    durationMonths: 12,
  },
  {
    id: 'p-child',
    position: 2,
    name: 'Unaccompanied migrant children',
    kind: 'child',
    unit: 'person',
    personsPerUnit: '1',
    arrivals: 60,
    pattern: 'even',
    monthly: [],
    arrivalStart: 2,
    // The last children arrive in month 19 so that 18 months of assistance fit in the 36 months.
    arrivalEnd: 19,
    durationMonths: 18,
  },
  {
    id: 'p-vot',
    position: 3,
    name: 'Victims of trafficking',
    kind: 'trafficking',
    unit: 'person',
    personsPerUnit: '1',
    arrivals: 40,
    pattern: 'explicit',
    monthly: VOT_MONTHLY,
    arrivalStart: 3,
    arrivalEnd: 27,
    // 12 months: above the 6-month minimum of monitoring, and the 12-month follow-up everyone gets.
    durationMonths: 12,
  },
  {
    id: 'p-health',
    position: 4,
    name: 'Returnees with health-related needs',
    kind: 'health',
    unit: 'person',
    personsPerUnit: '1',
    arrivals: 50,
    // Back-loaded: referrals from host-country health services grow once the medical referral
    // pathway is agreed (assumption).
    pattern: 'back',
    monthly: [],
    arrivalStart: 3,
    arrivalEnd: 30,
    durationMonths: 12,
  },
];

/** The caseload in figures (persons = arrivals × persons per unit). */
export const SAMPLE_CASELOAD = {
  adults: 780,
  households: 50,
  personsPerHousehold: 5,
  unaccompaniedChildren: 60,
  victimsOfTrafficking: 40,
  healthNeeds: 50,
  /** 780 + 50 × 5 + 60 + 40 + 50 */
  persons: 1180,
  /** 780 + 50 + 60 + 40 + 50 (cases: persons, or households for families) */
  cases: 980,
  communities: 20,
  municipalities: 5,
} as const;

// ---------------------------------------------------------------------------------------------
// Currencies and funding sources
// ---------------------------------------------------------------------------------------------

export const SAMPLE_CURRENCIES: Currency[] = [
  {
    code: 'XOF',
    // One rate per programme year: the fixed parity, the same every year.
    rates: [XOF_PER_EUR, XOF_PER_EUR, XOF_PER_EUR],
    // Assumption: 3 % a year on local costs (the WAEMU convergence ceiling for inflation).
    inflation: '0.03',
  },
];

export const SAMPLE_FUNDERS: Funder[] = [
  {
    id: 'f-eu',
    position: 0,
    name: 'European Union (main donor)',
    type: 'donor',
    status: 'confirmed',
    ceiling: null,
    conditionalOnMatch: false,
  },
  {
    id: 'f-municipalities',
    position: 1,
    name: 'Partner municipalities (co-financing)',
    type: 'coFinancier',
    status: 'pipeline',
    // Assumption: the five municipalities indicated EUR 45,000 each (EUR 225,000) in the design talks;
    // the lines split to them ask for more, on purpose (see the header).
    ceiling: 225_000_00,
    conditionalOnMatch: false,
  },
  {
    id: 'f-government',
    position: 2,
    name: 'Ministry of Labour and Social Affairs (national government)',
    type: 'government',
    status: 'confirmed',
    ceiling: null,
    conditionalOnMatch: false,
  },
];

const EU = 'f-eu';
const MUNI = 'f-municipalities';
const GOV = 'f-government';

function split(...parts: [string, string][]): FundingShare[] {
  return parts.map(([funderId, share]) => ({ funderId, share }));
}

// ---------------------------------------------------------------------------------------------
// Budget lines
// ---------------------------------------------------------------------------------------------

interface LineSpec {
  id: string;
  name: string;
  category: Category;
  dimension: Dimension;
  modality: Modality;
  unitLabel: string;
  currency: 'EUR' | 'XOF';
  /** Unit cost as written: whole euros or whole CFA francs (converted to minor units below). */
  unitCost: number;
  driver: Driver;
  justification: string;
  funding?: FundingShare[];
  beneficiariesPerUnit?: string;
  nonMigrantShare?: string;
  /** Outputs per unit, where the sample records them (businesses, jobs, people reached). */
  outputs?: BudgetLine['outputs'];
  eligibleIndirect?: boolean;
  eligibleContingency?: boolean;
}

const ALL: string[] = [];

const individual: LineSpec[] = [
  {
    id: 'ind-arrival-cash',
    name: 'Post-arrival cash for immediate needs',
    category: 'grantsToBeneficiaries',
    dimension: 'social',
    modality: 'cash',
    unitLabel: 'returnee or household',
    currency: 'XOF',
    unitCost: 100_000,
    driver: { kind: 'perArrival', quantity: '1', profileIds: ALL, takeUp: '1', offset: 0, start: 2, end: 30 },
    justification:
      'A moderate one-off cash amount in the arrival month for food, transport and lodging in the first weeks: one per arriving returnee of every profile (one per household for families). ' +
      `The cash share of the individual package is kept small on purpose: "in-kind assistance, complemented by moderate amounts of monetary assistance to address immediate needs after arrival, may better support the reintegration process than cash support" (${R2015}, §3.3, L327). ` +
      `Reception at arrival is part of basic post-return assistance (${R2015}, §2.1, L179). ` +
      'Assumption: XOF 100,000 (about EUR 152) per returnee or household.',
  },
  {
    id: 'ind-economic-inkind',
    name: 'Economic reintegration package (in kind)',
    category: 'grantsToBeneficiaries',
    dimension: 'economic',
    modality: 'inKind',
    unitLabel: 'returnee',
    currency: 'XOF',
    unitCost: 985_000,
    driver: {
      kind: 'perArrival',
      quantity: '1',
      profileIds: ['p-adult', 'p-vot', 'p-health'],
      takeUp: '0.9',
      offset: 1,
      start: 3,
      end: 31,
    },
    justification:
      'Equipment, tools, stock or inputs for a micro-business or a job, chosen with the case manager in the reintegration plan and procured for the returnee, a month after arrival. ' +
      'For adults, victims of trafficking and returnees with health-related needs (families and children have their own packages). ' +
      `Anchors: packages "range from USD 569 to USD 8,845 per person" (${R2015}, §3.3, L325); funding ranges "from a few hundred euros to several thousand on average per individual returnee" (${KP2}, L1779-1781; digest §1.7). ` +
      `In kind rather than cash because "Large cash grants can put the returnee at risk of being robbed or extorted" (${R2015}, §3.3, L327). ` +
      'Assumption: XOF 985,000 (about EUR 1,500) per returnee; 90 % take it up (the others find a job or a partner programme without it).',
  },
  {
    id: 'ind-family',
    name: 'Family reintegration package (livelihood, schooling, housing)',
    category: 'grantsToBeneficiaries',
    dimension: 'social',
    modality: 'inKind',
    unitLabel: 'household',
    currency: 'XOF',
    unitCost: 1_970_000,
    driver: { kind: 'perArrival', quantity: '1', profileIds: ['p-family'], takeUp: '1', offset: 1, start: 5, end: 31 },
    justification:
      'One package per returning household: livelihood inputs for the adults, school fees and kits for the children, help with rent or repairs. ' +
      `Reintegration projects "are primarily designed for returning individual migrants and families" (${R2015}, §2.4, L231), and assistance may cover "housing, medical treatment, including drugs, job placement, education, day care and psychosocial support" (${R2015}, §3.3, L325). ` +
      'Assumption: XOF 1,970,000 (about EUR 3,000) per household of 5, a month after arrival.',
  },
  {
    id: 'ind-matching',
    name: "Matching grant for returnees' own business investment (1+1)",
    category: 'grantsToBeneficiaries',
    dimension: 'economic',
    modality: 'matchingGrant',
    unitLabel: 'business',
    currency: 'XOF',
    unitCost: 656_000,
    driver: {
      kind: 'perArrival',
      quantity: '1',
      profileIds: ['p-adult', 'p-family'],
      takeUp: '0.1',
      offset: 6,
      start: 8,
      end: 36,
    },
    justification:
      "Returnees who invest savings or remittances in a business six months after arrival have their investment matched one for one; the line carries the programme's grant only. " +
      `Anchor: the "1+1" principle, whereby "the funds invested by individuals to create or develop businesses, are matched by non-refundable grants of equal value" (${KP2}, L1632-1633; digest SY-10); in Tajikistan FAO "matched funds contributions of returnees, with FAO funds (50/50)" (${KP2}, L2624-2625). ` +
      "The returnees' own half is not a cost of the programme: it is the matching synergy on the Partners screen (leverage, beside the budget), never an eligible cost. " +
      'Assumption: 10 % of adults and families do so, with a total investment of XOF 1,312,000 (about EUR 2,000) per business, of which the grant is XOF 656,000.',
  },
  {
    id: 'ind-business-training',
    name: 'Business skills training and coaching',
    category: 'training',
    dimension: 'economic',
    modality: 'service',
    unitLabel: 'trainee',
    currency: 'XOF',
    unitCost: 118_000,
    driver: {
      kind: 'perArrival',
      quantity: '1',
      profileIds: ['p-adult', 'p-family'],
      takeUp: '0.6',
      offset: 1,
      start: 3,
      end: 31,
    },
    justification:
      'Short business-management training and follow-up coaching for returnees who start a micro-business with their package. ' +
      `"Prior training and follow-up during the first year is essential in order for the business to be successful" (${R2015}, §3.5.4, L546). ` +
      'Assumption: 60 % of adults and families choose self-employment; XOF 118,000 (about EUR 180) per trainee for 5 training days and 3 coaching visits.',
  },
  {
    id: 'ind-tvet',
    name: 'Vocational training and apprenticeships (TVET places)',
    category: 'training',
    dimension: 'economic',
    modality: 'service',
    unitLabel: 'trainee',
    currency: 'XOF',
    unitCost: 426_000,
    driver: {
      kind: 'perArrival',
      quantity: '1',
      profileIds: ['p-adult', 'p-vot'],
      takeUp: '0.25',
      offset: 2,
      start: 4,
      end: 32,
    },
    justification:
      'Places in public or private TVET centres and apprenticeships with local employers for returnees who seek wage employment rather than self-employment. ' +
      `Half the returnees concerned are referred to a partner employment programme (Partners screen), with the uptake seen in Guinea, where "IOM had referred 202 Guinean returnees to INTEGRA partners, of which 46 received actual support" (${KP2}, L2236; digest SY-01: derived uptake 22.8 %): this line is budgeted in full and the partner's part is reported beside it. ` +
      'Assumption: 25 % of adults and victims of trafficking, two months after arrival; XOF 426,000 (about EUR 650) per trainee for a 3- to 6-month course with materials and a small allowance.',
  },
  {
    id: 'ind-children',
    name: 'Reintegration support for unaccompanied migrant children',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'child-month',
    currency: 'XOF',
    unitCost: 87_500,
    driver: { kind: 'perActiveCase', quantity: '1', profileIds: ['p-child'], start: 2, end: 36 },
    justification:
      'Schooling or age-appropriate vocational training, family support and a social worker, for every month a child is in assistance (18 months each). ' +
      `"A minimum of 18 months of socioeconomic assistance should be provided" to unaccompanied migrant children, who "require assistance until they reach 18 years of age" (${R2015}, §3.3.4, L389). ` +
      'Assumption: XOF 87,500 (about EUR 133) per child-month.',
  },
  {
    id: 'ind-trafficking',
    name: 'Protection and monitoring of victims of trafficking',
    category: 'services',
    dimension: 'psychosocial',
    modality: 'service',
    unitLabel: 'case-month',
    currency: 'XOF',
    unitCost: 78_700,
    driver: { kind: 'perActiveCase', quantity: '1', profileIds: ['p-vot'], start: 3, end: 36 },
    justification:
      'Risk assessment, safe accommodation checks, legal aid referral and regular monitoring for every month a victim of trafficking is in assistance (12 months each: the 12-month follow-up every returnee gets, above the 6-month minimum). ' +
      `Returning victims of trafficking should have "sustained monitoring (e.g. minimum of six months)" (${R2015}, §3.3.4, L387). ` +
      'Assumption: XOF 78,700 (about EUR 120) per case-month.',
  },
  {
    id: 'ind-psychosocial',
    name: 'Psychosocial counselling',
    category: 'services',
    dimension: 'psychosocial',
    modality: 'service',
    unitLabel: 'session',
    currency: 'XOF',
    unitCost: 23_000,
    driver: { kind: 'perArrival', quantity: '6', profileIds: ALL, takeUp: '0.4', offset: 0, start: 2, end: 30 },
    justification:
      'Individual and family counselling sessions by trained psychosocial counsellors, with referral of severe cases to mental health services. ' +
      `"Returnees who have access to psychosocial counselling are likely to have an easier time coping with the impacts of return", yet the lack of funding "has prevented the systematic implementation of psychosocial support services in many countries" (${R2015}, §2.3, L221). ` +
      'Assumption: 40 % of arriving returnees and households take 6 sessions each, at XOF 23,000 (about EUR 35) a session.',
  },
  {
    id: 'ind-medical',
    name: 'Medical assistance for returnees with health-related needs',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'case-month',
    currency: 'XOF',
    unitCost: 65_600,
    driver: { kind: 'perActiveCase', quantity: '1', profileIds: ['p-health'], start: 3, end: 36 },
    justification:
      'Treatment fees, medication and referral to health providers for every month a returnee with health-related needs is in assistance. ' +
      `For them, services "should go beyond a project's lifespan. Thus, referral to existing health and social services in the country of return is essential" (${R2015}, §3.3.4, L403). ` +
      `The national health scheme pays part, as a public service take-over (Partners screen): in Mali, referred returnees "gain access to free health care in all public health centres in Mali for a period of two years" (${KP2}, L1468-1470; digest SY-07). ` +
      'Assumption: XOF 65,600 (about EUR 100) per case-month, budgeted in full; the scheme covers 30 % of it once a case is enrolled, three months after arrival.',
  },
  {
    id: 'ind-accommodation',
    name: 'Temporary accommodation for returnees without housing',
    category: 'grantsToBeneficiaries',
    dimension: 'social',
    modality: 'voucher',
    unitLabel: 'person-month',
    currency: 'XOF',
    unitCost: 59_000,
    driver: { kind: 'perArrival', quantity: '3', profileIds: ALL, takeUp: '0.07', offset: 0, start: 2, end: 30 },
    justification:
      'Rent vouchers for returnees without a place to stay at arrival, for three months. ' +
      `Anchor: in IOM Austria's programme to Kosovo/UNSC 1244, "employment subsidies for up to six months and provision of temporary accommodation given on top of the grant for business startups" were chosen "in around 7 per cent of cases" (${R2015}, §3.3.2, L365). ` +
      'Assumption: the same 7 % here, 3 months at XOF 59,000 (about EUR 90) a month.',
  },
  {
    id: 'ind-case-management',
    name: 'Case managers (counselling, reintegration plans, follow-up)',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'case manager-month',
    currency: 'XOF',
    unitCost: 951_000,
    driver: { kind: 'staffing', casesPerStaff: '60', min: 2, max: 10, profileIds: ALL, start: 1, end: 36 },
    justification:
      'National case managers who counsel each returnee, draw up the reintegration plan, follow the case and close it: one per 60 active cases, at least 2 (from month 1, to set up the caseload) and at most 10 (the office can hold no more). ' +
      `Follow-up covers at least 12 months: "a follow-up during the first 12 months upon arrival" (${R2015}, §3.1 (e), L281); needs are identified "through the counselling sessions conducted under the reintegration programme" (${KP2}, L1886-1887). ` +
      'Assumption: 60 cases per case manager; XOF 951,000 (about EUR 1,450) a month for salary, charges and field travel.',
  },
  {
    id: 'ind-follow-up',
    name: 'Follow-up visits to returnees at home',
    category: 'travel',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'visit',
    currency: 'XOF',
    unitCost: 13_000,
    driver: { kind: 'perActiveCase', quantity: '0.5', profileIds: ALL, start: 2, end: 36 },
    justification:
      "Transport and per diem for the case managers' home visits: one visit every two months per active case. " +
      `Follow-up during the first 12 months (${R2015}, §3.1 (e), L281), with monitoring that in-kind assistance makes easier (${R2015}, §3.3, L327). ` +
      'Assumption: XOF 13,000 (about EUR 20) per visit.',
  },
];

const community: LineSpec[] = [
  {
    id: 'com-profiles',
    name: 'Community profiles and participatory planning',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'community',
    currency: 'XOF',
    unitCost: 2_300_000,
    driver: { kind: 'perCommunity', quantity: '1', schedule: 'spread', start: 2, end: 7 },
    justification:
      'A community profile (labour market, services, stakeholders) and a participatory planning exercise in each community of return, to choose the community projects. ' +
      `Community-based initiatives "should build upon community profiles" (${KP2}, L1259), which "can include or be complemented with various elements such as labour market assessments, stakeholders mapping" (${KP2}, L1261-1262), with participatory methods in which "community members, including returnees, are consulted" (${KP2}, L1256). ` +
      'Assumption: XOF 2,300,000 (about EUR 3,500) per community for the field team, consultations and report.',
  },
  {
    id: 'com-projects',
    name: 'Community-based income-generating projects open to non-migrants',
    category: 'grantsToBeneficiaries',
    dimension: 'economic',
    modality: 'inKind',
    unitLabel: 'project',
    currency: 'XOF',
    unitCost: 9_840_000,
    driver: { kind: 'perProject', returneesPerProject: '30', profileIds: ALL, schedule: 'spread', start: 8, end: 33 },
    funding: split([EU, '0.8'], [MUNI, '0.2']),
    beneficiariesPerUnit: '9.4',
    nonMigrantShare: '0',
    justification:
      'Collective enterprises (cooperatives, processing units, shops) run by returnees and non-migrant community members together: one project per 30 returnees of the caseload. ' +
      `Anchor: under the EU-IOM Joint Initiative, "265 community-based initiatives were implemented in 10 West African countries, directly benefiting 2,490 returnees and 2,943 members of their communities" (${KP2}, L2194-2195; digest SY-12). Derived from those figures (digest §5.4): 2,490 ÷ 265 ≈ 9.4 returnees reached per initiative, the people this line counts; the community members the projects are open to (2,943 ÷ 5,433 ≈ 54.17 % of all beneficiaries) are added by the community-open synergy on the Partners screen. ` +
      `Interventions "must not privilege any category of returnee or privilege returnees vis-à-vis those that remained behind" (${KP2}, L1035-1037). ` +
      `Municipalities co-fund community activities as in Georgia, where they are "co-funding, and co-leading community level activities" (${KP2}, L2521). ` +
      'Assumption: XOF 9,840,000 (about EUR 15,000) per project for equipment, inputs, training and 12 months of support; municipalities 20 %.',
  },
  {
    id: 'com-works',
    name: 'Learning-through-works rehabilitation of schools and health posts',
    category: 'works',
    dimension: 'social',
    modality: 'works',
    unitLabel: 'scheme',
    currency: 'XOF',
    unitCost: 19_700_000,
    driver: { kind: 'fixed', quantity: '8', schedule: 'spread', start: 10, end: 30 },
    funding: split([EU, '0.7'], [MUNI, '0.3']),
    beneficiariesPerUnit: '25',
    nonMigrantShare: '0.6',
    justification:
      'Returnees and local youth are trained in construction trades while rehabilitating schools, health posts or water points chosen in the community plans. ' +
      `Anchor: in Côte d'Ivoire "returnees and local youth of three localities received training in various construction-related jobs under the EU-IOM Joint Initiative, and rehabilitated damaged schools as part of their training" (${KP2}, L778-780). ` +
      'Assumption: 8 schemes at XOF 19,700,000 (about EUR 30,000) for materials, trainers and stipends; 25 trainees per scheme, 60 % of them local youth; municipalities 30 %.',
  },
  {
    id: 'com-returnee-groups',
    name: 'Start-up support to returnee groups running community services (waste collection)',
    category: 'grantsToBeneficiaries',
    dimension: 'environmental',
    modality: 'inKind',
    unitLabel: 'group',
    currency: 'XOF',
    unitCost: 6_560_000,
    driver: {
      kind: 'perProject',
      returneesPerProject: '100',
      profileIds: ['p-adult'],
      schedule: 'spread',
      start: 10,
      end: 24,
    },
    beneficiariesPerUnit: '8',
    nonMigrantShare: '0',
    justification:
      'Equipment (tricycles, carts, protective gear) and six months of coaching for groups of returnees who run a paid community service such as waste collection: one group per 100 adult returnees. ' +
      `Anchor: in Daloa, Côte d'Ivoire, "more than 6,500 households have subscribed to the waste collection service provided by five groups of returnees, for a monthly fee" (${KP2}, L925-926); "Approaches that build upon returnee networks can be crucial in facilitating the social reintegration of returnees who do not have much social capital upon return" (${R2015}, §3.3.3, L369). ` +
      `The groups are returnee-only, as in Daloa, so the checks panel notes that the line reaches no non-migrants: interventions "must not privilege any category of returnee or privilege returnees vis-à-vis those that remained behind" (${KP2}, L1035-1037). Opening membership to local youth would answer the note. ` +
      'Assumption: XOF 6,560,000 (about EUR 10,000) per group of 8 members.',
  },
  {
    id: 'com-cohesion',
    name: 'Social cohesion activities (sports, cultural events, dialogues)',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'event',
    currency: 'XOF',
    unitCost: 1_310_000,
    driver: { kind: 'perCommunity', quantity: '3', schedule: 'spread', start: 6, end: 35 },
    justification:
      'Three joint activities for returnees and residents in each community of return. ' +
      `"Joint initiatives that encourage the inclusive participation of returnees and non-migrant populations alike, while addressing the targeted communities' needs, can foster social cohesion between returnees and their communities" (${KP2}, L937-938); returnees are "only" one of the sub-groups of the community (${KP2}, L957). ` +
      `A "Do no harm" approach ensures "that communities are not negatively affected by the return" (${R2015}, §3.1 (i), L285). ` +
      'Assumption: XOF 1,310,000 (about EUR 2,000) per event. Participants are not counted as beneficiaries, so that the same people are not counted at every event.',
  },
  {
    id: 'com-awareness',
    name: "Community awareness on returnees' rights and needs",
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'campaign',
    currency: 'XOF',
    unitCost: 1_640_000,
    driver: { kind: 'perCommunity', quantity: '1', schedule: 'spread', start: 4, end: 27 },
    justification:
      "Local radio, community conversations and leaders' meetings against the stigma returnees face, one campaign per community. " +
      `Returnees "may be stigmatized, and communities may be reluctant to support them in reintegrating" (${KP2}, L929-930); in Ethiopia a project opened "spaces for community dialogues and awareness-raising" on "the rights and needs of returnees" (${KP2}, L1194-1196). ` +
      'Assumption: XOF 1,640,000 (about EUR 2,500) per campaign.',
  },
  {
    id: 'com-environment',
    name: 'Land and water rehabilitation with cash-for-work',
    category: 'grantsToBeneficiaries',
    dimension: 'environmental',
    modality: 'cash',
    unitLabel: 'worker (60 days)',
    currency: 'XOF',
    unitCost: 197_000,
    driver: { kind: 'fixed', quantity: '200', schedule: 'spread', start: 9, end: 30 },
    beneficiariesPerUnit: '1',
    nonMigrantShare: '0.7',
    justification:
      'Soil and water conservation, tree planting and land restoration in the most degraded communities, paid as cash-for-work to returnees and residents. ' +
      `Anchor: in Ethiopia, "targeted community members benefited from cash-forwork schemes for the construction of soil and water conservation structures" (${KP2}, L1207-1208); "25 hectares of severely degraded land were rehabilitated" and "around 205 families living in the nearby area benefited" (${KP2}, L1210-1216; digest CO-18). ` +
      'Assumption: 200 workers for 60 days at about XOF 3,300 (EUR 5) a day, 70 % of them non-migrant residents.',
  },
];

const structural: LineSpec[] = [
  {
    id: 'str-coordination',
    name: 'Steering committee and reintegration technical working group',
    category: 'other',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'meeting',
    currency: 'XOF',
    unitCost: 590_000,
    driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 36 },
    justification:
      "Monthly meetings of the national coordination bodies chaired by government (venue, members' transport, minutes), alternating steering committee and technical working group. " +
      `The EU-IOM Joint Initiative established "project steering committees, reintegration technical working groups and case management committees" (${KP2}, L2186-2187); in the Niger a working group "meets on a monthly or bi-monthly basis" (${KP2}, L492). ` +
      `Structural lines are budgeted in their own right: "Specific budget lines for structural support, community-based interventions and other activities contributing to sustainable development outcomes, should be included in budgets in addition to the budget lines for individual reintegration support" (${KP2}, L1802-1806; digest §1.7). ` +
      'Assumption: XOF 590,000 (about EUR 900) per meeting.',
  },
  {
    id: 'str-referral',
    name: 'Service mapping, SOPs and referral mechanism',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'mechanism',
    currency: 'EUR',
    unitCost: 38_000,
    driver: { kind: 'fixed', quantity: '1', schedule: 'spread', start: 2, end: 8 },
    justification:
      'Mapping of public and partner services, standard operating procedures and a referral mechanism with referral guides, agreed with the ministries and partner programmes. ' +
      `Coordination "can facilitate the establishment, strengthening and operationalisation of referral mechanisms among programmes, and encourage the use of existing structures and services" (${KP2}, L472-473); partners should "formalize the synergy or partnership, and embed it into a wider referral mechanism" (${KP2}, L1917). ` +
      'Assumption: EUR 38,000 for an international consultant team over 7 months, workshops and printing.',
  },
  {
    id: 'str-capacity',
    name: 'Capacity-building of local authorities and service providers',
    category: 'training',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'course',
    currency: 'XOF',
    unitCost: 4_600_000,
    driver: { kind: 'fixed', quantity: '16', schedule: 'spread', start: 4, end: 33 },
    justification:
      'Training, training of trainers and on-the-job coaching for municipal staff, public employment and social services, and health workers (including mental health). ' +
      `Programmes "should carry out capacity-building interventions at the local and national levels in the form of technical or material support" (${KP2}, L509-510); in Nigeria health professionals trained with the Federal Ministry of Health gained skills that "could then benefit both returnees and the local population" (${KP2}, L518). ` +
      'Assumption: 16 courses at XOF 4,600,000 (about EUR 7,000) for 25 participants over 4 days.',
  },
  {
    id: 'str-officers',
    name: 'Reintegration officers seconded to local government (staged handover)',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'officer-month',
    currency: 'XOF',
    unitCost: 394_000,
    driver: { kind: 'fixed', quantity: '10', schedule: 'monthly', start: 4, end: 36 },
    justification:
      'Salaries of 10 reintegration officers in the regional labour and social affairs offices, trained by the programme. ' +
      `Anchor: in Ethiopia the EU-IOM Joint Initiative "covered the cost of twelve reintegration officers from the Bureaus of Labour and Social Affairs"; "In the longer term, local governments are expected to continue covering the salary of these officers from their own budget" (${KP2}, L528-532; digest SY-08). ` +
      'Assumption: XOF 394,000 (about EUR 600) per officer-month from month 4. The handover is a synergy with the ministry (Partners screen): 0 % in year 1, 50 % in year 2, 100 % in year 3, shown under the ministry as a funding source, year by year.',
  },
  {
    id: 'str-material',
    name: 'Material support to local authorities (motorcycles, IT, fuel)',
    category: 'equipment',
    dimension: 'social',
    modality: 'inKind',
    unitLabel: 'kit',
    currency: 'XOF',
    unitCost: 2_950_000,
    driver: { kind: 'fixed', quantity: '10', schedule: 'once', start: 5, end: 5 },
    justification:
      "One kit (motorcycle, laptop, first-year fuel) for each reintegration officer's office, so they can reach communities. " +
      `Stakeholders "may lack staff to attend coordination meetings, be unable to travel to communities due to a lack of vehicles or of resources for fuel"; programmes "can provide stakeholders with material or financial support" (${KP2}, L523-525). ` +
      'Assumption: 10 kits at XOF 2,950,000 (about EUR 4,500), delivered in month 5.',
  },
  {
    id: 'str-local-planning',
    name: 'Reintegration in municipal development plans',
    category: 'services',
    dimension: 'economic',
    modality: 'service',
    unitLabel: 'municipality',
    currency: 'XOF',
    unitCost: 5_250_000,
    driver: { kind: 'fixed', quantity: '5', schedule: 'spread', start: 6, end: 30 },
    funding: split([EU, '0.5'], [MUNI, '0.5']),
    justification:
      'Technical assistance to the 5 partner municipalities to include returnees and reintegration in their local development and annual investment plans. ' +
      `Local authorities have a key role in "Ensuring that returning migrants and reintegration considerations are included in local development planning and programmes" (${KP2}, L298-301); in Guinea municipal reviews "feed into local development plans at the prefectural level" and "inform annual investment plans" (${KP2}, L562-563). ` +
      'Assumption: XOF 5,250,000 (about EUR 8,000) per municipality, half paid by the municipality itself.',
  },
];

const support: LineSpec[] = [
  {
    id: 'sup-manager',
    name: 'Programme manager',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'person-month',
    currency: 'EUR',
    unitCost: 8_500,
    driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 36 },
    justification:
      'Overall management, donor reporting and relations with government, full time on the programme. Assumption: EUR 8,500 per month (international staff, all-in).',
  },
  {
    id: 'sup-staff',
    name: 'National support staff (finance, administration, logistics)',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'person-month',
    currency: 'XOF',
    unitCost: 721_000,
    driver: { kind: 'fixed', quantity: '4', schedule: 'monthly', start: 1, end: 36 },
    justification:
      'A finance officer, an administrative assistant, a procurement and logistics assistant and a driver. Assumption: 4 posts at XOF 721,000 (about EUR 1,100) a month on average.',
  },
  {
    id: 'sup-partnerships',
    name: 'Partnerships and synergies coordinator',
    category: 'humanResources',
    dimension: 'economic',
    modality: 'staff',
    unitLabel: 'person-month',
    currency: 'XOF',
    unitCost: 1_575_000,
    driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 36 },
    justification:
      'Negotiates and follows the agreements with partner programmes (TVET, municipalities, health scheme) and runs the referral network. ' +
      `Synergies work best when "common procedures can be defined and necessary resources for coordination allocated, before activities start" (${KP2}, L2003-2004), and they "often require capacity-development, which also has a cost" (${KP2}, L1790-1793). ` +
      'Assumption: XOF 1,575,000 (about EUR 2,400) a month.',
  },
  {
    id: 'sup-me',
    name: 'Monitoring and evaluation (officer, case database, field monitoring)',
    category: 'monitoringEvaluation',
    dimension: 'social',
    modality: 'service',
    unitLabel: '% of individual and community lines',
    currency: 'EUR',
    unitCost: 0,
    driver: { kind: 'percentage', rate: '0.04', levels: ['individual', 'community'], lineIds: [], start: 1, end: 36 },
    justification:
      "M&E officer, case database and tablets, monitoring of returnees' reintegration and of community projects, budgeted as 4 % of the individual and community lines, so that it grows with the caseload. " +
      `"Monitoring and evaluation should be systematically included, with adequate resources" (${KP2}, L3064); evaluations "should be included as an essential part of each project" (${R2015}, §3.2, L289). ` +
      'Assumption: 4 %.',
  },
  {
    id: 'sup-baseline',
    name: 'Baseline study',
    category: 'monitoringEvaluation',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'study',
    currency: 'EUR',
    unitCost: 25_000,
    driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 3, end: 3 },
    justification: `Baseline of returnees' and communities' situation against which the final evaluation measures change (${KP2}, L3064). Assumption: EUR 25,000.`,
  },
  {
    id: 'sup-evaluation',
    name: 'Independent final evaluation',
    category: 'monitoringEvaluation',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'evaluation',
    currency: 'EUR',
    unitCost: 45_000,
    driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 34, end: 34 },
    justification: `External evaluation of outcomes at individual, community and structural level (${R2015}, §3.2, L289; ${KP2}, L3064). Assumption: EUR 45,000.`,
  },
  {
    id: 'sup-audit',
    name: 'External audit / expenditure verification',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'audit',
    currency: 'EUR',
    unitCost: 20_000,
    driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 36, end: 36 },
    justification: 'Expenditure verification required by the donor at the end of the action. Assumption: EUR 20,000.',
  },
  {
    id: 'sup-office',
    name: 'Office, vehicle running and communication costs',
    category: 'localOffice',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'month',
    currency: 'XOF',
    unitCost: 2_755_000,
    driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 36 },
    justification:
      'Rent and utilities of a main office and a field office, two vehicles (fuel, maintenance, insurance), telephone and internet. Assumption: XOF 2,755,000 (about EUR 4,200) a month.',
  },
];

/** Minor units per written unit: cents for EUR, francs for XOF (no minor unit). */
const MINOR_PER_UNIT: Record<LineSpec['currency'], number> = { EUR: 100, XOF: 1 };

function toLines(level: Level, specs: LineSpec[]): BudgetLine[] {
  return specs.map((s, position) => ({
    id: s.id,
    level,
    position,
    name: s.name,
    category: s.category,
    dimension: s.dimension,
    modality: s.modality,
    unitLabel: s.unitLabel,
    unitCost: s.unitCost * MINOR_PER_UNIT[s.currency],
    driver: structuredClone(s.driver),
    justification: s.justification,
    eligibleIndirect: s.eligibleIndirect ?? true,
    eligibleContingency: s.eligibleContingency ?? true,
    currency: s.currency,
    funding: (s.funding ?? []).map((f) => ({ ...f })),
    beneficiariesPerUnit: s.beneficiariesPerUnit ?? '0',
    nonMigrantShare: s.nonMigrantShare ?? '0',
    outputs: s.outputs ?? { businesses: '0', jobs: '0', people: '0' },
    mtdcExclusion: 'none',
  }));
}

export const SAMPLE_PROGRAMME: Programme = {
  title: 'Sustainable Reintegration and Local Development Programme (sample)',
  reportingCurrency: 'EUR',
  startMonth: '2027-01',
  durationMonths: DURATION,
  indirectRate: '0.07',
  contingencyRate: '0.03',
  author: 'Reintegration Costing Studio sample',
  notes:
    'Illustrative development-oriented reintegration programme in a West African country of return (the country is fictional). ' +
    'Caseload (assumption): 980 cases, 1,180 persons, arriving from month 2 to month 30 — 780 adults returning alone (front-loaded: ' +
    'a backlog of stranded migrants at the start), 50 families of 5 (even), 60 unaccompanied migrant children (assisted 18 months, ' +
    'so the last arrive in month 19), 40 victims of trafficking (in clusters after identification operations, monitored 12 months) ' +
    'and 50 returnees with health-related needs (back-loaded, as the medical referral pathway matures); 20 communities of return ' +
    'and 5 partner municipalities. Individual lines and case managers are driven by this caseload. ' +
    'Individual, community and structural work each have their own lines, as Knowledge Paper #2 asks (L1802-1806), plus programme support. ' +
    'Local costs are in CFA francs (XOF) at the fixed parity 1 EUR = 655.957 XOF, with 3 % a year inflation (assumption); ' +
    'international costs in euros with 2 % a year (assumption). ' +
    'Funding: the European Union (main donor, confirmed); the partner municipalities (co-financing, pipeline, indicative ceiling ' +
    'EUR 225,000, which the lines split to them exceed: the co-financing is still to be negotiated); the Ministry of Labour and Social Affairs (officers and health care, confirmed); returnees matching business grants. ' +
    'Every figure taken from the sources is cited in the line justification; every other figure is marked as an assumption. ' +
    'EU donor profile: indirect costs 7 % of direct eligible costs, contingency 3 %.',
  donorProfile: 'EU',
  communities: SAMPLE_CASELOAD.communities,
  // Assumption: 2 % a year on euro costs (international staff, consultants, evaluation).
  inflation: '0.02',
  indirectBase: 'direct',
  euAgreement: 'grant',
  usAwardDate: null,
  usNicra: null,
};

/**
 * The partner programmes the sample works with (DESIGN §5), each synergy anchored in the sources
 * (cited in the lines' justifications and below); its parameters are assumptions where marked.
 */
export const SAMPLE_PARTNERS: Partner[] = [
  {
    id: 'pa-employment',
    position: 0,
    name: 'Youth employment and TVET programme',
    organisation: 'Development partner (illustrative)',
    type: 'development',
    startMonth: '2026-07',
    endMonth: '2029-12',
    notes: `Referrals into its training and job placement, as the INTEGRA partners in Guinea (${KP2}, L2236).`,
  },
  {
    id: 'pa-ministry',
    position: 1,
    name: 'Ministry of Labour and Social Affairs',
    organisation: 'National government',
    type: 'government',
    startMonth: '2027-01',
    endMonth: '2035-12',
    notes: `Takes the seconded reintegration officers over year by year, as the Ethiopian Bureaus of Labour and Social Affairs are expected to (${KP2}, L528-532).`,
  },
  {
    id: 'pa-health',
    position: 2,
    name: 'National medical assistance scheme',
    organisation: 'Ministry of Health',
    type: 'government',
    startMonth: '2027-01',
    endMonth: '2035-12',
    notes: `Free care in public health centres for referred returnees, as in Mali (${KP2}, L1468-1470).`,
  },
  {
    id: 'pa-municipalities',
    position: 3,
    name: 'Partner municipalities (local development plans)',
    organisation: 'Five municipalities of return',
    type: 'government',
    startMonth: '2027-01',
    endMonth: '2035-12',
    notes: `Open the community projects to their residents, as the Joint Initiative's community-based initiatives were (${KP2}, L2194-2195).`,
  },
  {
    id: 'pa-returnees',
    position: 4,
    name: 'Returnees investing in their own business',
    organisation: 'Returnees (their savings and remittances)',
    type: 'privateSector',
    startMonth: '2027-01',
    endMonth: '2035-12',
    notes: `Each returnee's own investment, matched one for one by the programme's grant (${KP2}, L1632-1633).`,
  },
];

export const SAMPLE_SYNERGIES: Synergy[] = [
  {
    id: 'sy-referral-tvet',
    position: 0,
    partnerId: 'pa-employment',
    name: 'Referral to training and job placement',
    // Uptake: INTEGRA, 46 of 202 referred (KP2 L2236; digest SY-01, derived 22.8 %).
    // Assumption: half the returnees concerned referred; 120 places; EUR 40 of coordination each.
    effect: { type: 'referral', share: '0.5', uptake: '0.228', capacity: 120, coordinationCost: 40_00 },
    lineIds: ['ind-tvet'],
    profileIds: [],
    firstMonth: 4,
    lastMonth: 32,
    commitment: 'general',
    status: 'inPrinciple',
    confidence: null,
    funderId: null,
    notes: 'Assumption: parameters agreed in principle at the design stage.',
  },
  {
    id: 'sy-handover-officers',
    position: 1,
    partnerId: 'pa-ministry',
    name: 'Handover of the seconded officers',
    // Assumption: the ministry's part by programme year (KP2 L528-532 gives the intent, not the pace).
    effect: { type: 'handover', shares: ['0', '0.5', '1'] },
    lineIds: ['str-officers'],
    profileIds: [],
    firstMonth: 1,
    lastMonth: 36,
    commitment: 'mutual',
    status: 'signed',
    confidence: null,
    funderId: GOV,
    notes: '',
  },
  {
    id: 'sy-health-scheme',
    position: 2,
    partnerId: 'pa-health',
    name: 'Public health care after enrolment',
    // Assumption: 30 % of the medical costs of returnees with health-related needs, from the third
    // month after arrival (enrolment).
    effect: { type: 'publicService', share: '0.3', delayMonths: 3 },
    lineIds: ['ind-medical'],
    profileIds: ['p-health'],
    firstMonth: 1,
    lastMonth: 36,
    commitment: 'general',
    status: 'inPrinciple',
    confidence: null,
    funderId: null,
    notes: '',
  },
  {
    id: 'sy-community-open',
    position: 3,
    partnerId: 'pa-municipalities',
    name: 'Community projects open to community members',
    // The Joint Initiative's share of community members among the beneficiaries of its 265
    // community-based initiatives: 2,943 ÷ (2,490 + 2,943) = 54.17 % (KP2 L2194-2195; digest SY-12).
    effect: { type: 'communityOpen', nonMigrantShare: '0.5417' },
    lineIds: ['com-projects'],
    profileIds: [],
    firstMonth: 1,
    lastMonth: 36,
    commitment: 'mutual',
    status: 'inPrinciple',
    confidence: null,
    funderId: null,
    notes: 'More people reached at the same cost: the reach metrics count them.',
  },
  {
    id: 'sy-matching-returnees',
    position: 4,
    partnerId: 'pa-returnees',
    name: "Returnees' own investment, matched 1+1",
    // The "1+1" principle (KP2 L1632-1633): the returnee's investment equals the grant. Leverage:
    // the grant is the budgeted cost; the returnee's half is beside the budget, never eligible.
    effect: {
      type: 'matching',
      programmePart: '1',
      partnerPart: '1',
      mode: 'leverage',
      capPerGrant: null,
      collectiveCap: null,
    },
    lineIds: ['ind-matching'],
    profileIds: [],
    firstMonth: 1,
    lastMonth: 36,
    commitment: 'mutual',
    status: 'signed',
    confidence: null,
    funderId: null,
    notes: 'A condition of each grant agreement: no investment, no grant.',
  },
];

// ---------------------------------------------------------------------------------------------
// Scenarios and uncertainty ranges (DESIGN §6)
// ---------------------------------------------------------------------------------------------

/** n × factor, rounded by the engine's rule, ties away from zero (whole arrivals). */
function scaleWhole(n: number, factor: string): number {
  return Number(roundHalfAway(mul(rat(n), dec(factor))));
}

/** decimal × factor, exactly (a decimal times a decimal is a decimal). */
function scaleDecimal(value: string, factor: string): string {
  const out = rationalToDecimal(mul(dec(value), dec(factor)));
  if (out === null) throw new Error(`${value} × ${factor} is not a decimal`);
  return out;
}

/**
 * Every profile's arrivals × `factor`, rounded (ties away from zero). A profile with explicit
 * monthly numbers (where the arrivals figure is not used) gets its rounded total shared over its
 * months by largest remainder, so that every profile, and the caseload, is exactly `factor` of the
 * baseline's (each month rounded on its own would give the victims of trafficking 31 instead of 32).
 */
function scaledArrivals(factor: string): Record<string, ProfileOverride> {
  const out: Record<string, ProfileOverride> = {};
  for (const p of SAMPLE_PROFILES) {
    if (p.pattern !== 'explicit') {
      out[p.id] = { arrivals: scaleWhole(p.arrivals, factor) };
      continue;
    }
    const planned = p.monthly.reduce((a, b) => a + b, 0);
    const total = scaleWhole(planned, factor);
    const monthly = allocate(BigInt(total), p.monthly.map(BigInt)).map(Number);
    out[p.id] = { arrivals: total, monthly };
  }
  return out;
}

/**
 * The main partner: the one that covers the most of the direct costs in the baseline. The engine's
 * drop-out per partner (what the programme adds if it does not deliver) gives, in EUR: the Ministry
 * of Labour and Social Affairs 113,587.56 (the seconded officers it takes over: none in year 1, half
 * in year 2, all in year 3), the employment programme 15,437.69, the health scheme 12,748.28; the
 * municipalities and the returnees cover none of the budget (reach and leverage beside it).
 * tests/unit/sample-model.test.ts checks that it is still the largest.
 */
export const SAMPLE_MAIN_PARTNER = 'pa-ministry';

/** The XOF per EUR of the weaker-franc scenario: the parity × 1.1 (721.5527), exactly. */
export const WEAK_XOF_PER_EUR = scaleDecimal(XOF_PER_EUR, '1.1');

/**
 * Three scenarios a donor asks about (issue 10), each written as its differences from the baseline
 * only, so that a change to the baseline flows into them.
 */
export const SAMPLE_SCENARIOS: Scenario[] = [
  {
    id: 'sc-fewer-arrivals',
    position: 0,
    name: '20 % fewer arrivals',
    description:
      'Every returnee profile has 20 % fewer arrivals than planned (944 persons instead of 1,180), in the same months, as when return flows slow down.',
    overlay: { profiles: scaledArrivals('0.8') },
  },
  {
    id: 'sc-partner-drops',
    position: 1,
    name: 'Main partner drops out',
    description:
      'The main partner, the Ministry of Labour and Social Affairs, drops out and does not take the seconded reintegration officers over, so the programme pays them for all three years.',
    overlay: {
      synergies: Object.fromEntries(
        SAMPLE_SYNERGIES.filter((s) => s.partnerId === SAMPLE_MAIN_PARTNER).map((s) => [s.id, { off: true as const }]),
      ),
    },
  },
  {
    id: 'sc-weak-franc',
    position: 2,
    name: 'Weaker CFA franc, higher inflation',
    description:
      `The CFA franc is devalued by 10 % against the euro (${WEAK_XOF_PER_EUR} XOF per EUR instead of ${XOF_PER_EUR}) and local inflation doubles to 6 % a year (assumption), ` +
      `since costs depend on "cost of living, inflation and exchange rates" (${R2015}, §3.3, L329).`,
    overlay: {
      currencies: {
        XOF: {
          rates: SAMPLE_CURRENCIES[0]!.rates.map((r) => scaleDecimal(r, '1.1')),
          // Assumption: 6 % a year, twice the 3 % of the baseline (the WAEMU convergence ceiling):
          // a devaluation passes into the prices of imported goods. Not from the domain sources.
          inflation: '0.06',
        },
      },
    },
  },
];

/**
 * How unsure the sample's inputs are (factors of their value in whichever scenario is run), so that
 * a Monte-Carlo run on the sample is meaningful. All assumptions: arrivals may fall short by a fifth
 * or exceed the plan by a tenth; the parity may move (0.95 to 1.15: a devaluation is likelier than a
 * revaluation); local inflation may be anywhere from half to twice the 3 % expected.
 */
export const SAMPLE_RANGES: ParameterRange[] = [
  ...SAMPLE_PROFILES.map((p) => ({ id: `arrivals:${p.id}`, low: '0.8', likely: '1', high: '1.1' })),
  { id: 'exchangeRate:XOF', low: '0.95', likely: '1', high: '1.15' },
  { id: 'inflation:XOF', low: '0.5', likely: '1', high: '2' },
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** A fresh copy of the sample programme every call (callers may mutate it). */
export function sampleModel(): Model {
  return {
    programme: { ...SAMPLE_PROGRAMME },
    lines: [
      ...toLines('individual', individual),
      ...toLines('community', community),
      ...toLines('structural', structural),
      ...toLines('support', support),
    ],
    profiles: structuredClone(SAMPLE_PROFILES),
    currencies: structuredClone(SAMPLE_CURRENCIES),
    funders: structuredClone(SAMPLE_FUNDERS),
    partners: structuredClone(SAMPLE_PARTNERS),
    synergies: structuredClone(SAMPLE_SYNERGIES),
    scenarios: structuredClone(SAMPLE_SCENARIOS),
    ranges: structuredClone(SAMPLE_RANGES),
  };
}
