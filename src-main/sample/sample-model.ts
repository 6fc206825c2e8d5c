/**
 * The sample programme shipped in resources/sample.rcs (DESIGN §11): a development-oriented
 * reintegration programme in an illustrative West African country, with lines at all four levels.
 *
 * Rules this file keeps:
 * - every figure taken from the domain sources is cited in the line's justification with its source
 *   and line reference, and was checked against the source text itself;
 *   "KP2 Lnnn" = Knowledge Paper #2 (sources/knowledge-paper-2-development-and-reintegration.txt),
 *   "2015 paper" = IOM, Reintegration: Effective approaches (sources/reintegration-effective-approaches-2015.md),
 *   "digest" = knowledge-paper-2-digest.md (its figures marked "derived" are arithmetic, not source figures);
 * - every other figure (unit costs, quantities) is our own and is marked "Assumption:";
 * - quantities are fixed for now but consistent with one stated caseload (below). Caseload-driven
 *   drivers and synergies (TVET referrals, staged handover, co-financing) come in later issues; the
 *   lines that will carry them say so.
 *
 * Planned caseload (assumption): 1,200 returnees assisted, arriving from month 2 to month 31 (about
 * 40 a month): 1,050 adults, 60 unaccompanied migrant children (arriving by month 18, so that 18
 * months of assistance fit in the programme), 40 victims of trafficking and 50 returnees with
 * health-related needs; 20 communities of return; 5 partner municipalities.
 */
import type {
  BudgetLine,
  Category,
  Dimension,
  Level,
  Model,
  Modality,
  Programme,
  Schedule,
} from '../../src-shared/model';

export const SAMPLE_CASELOAD = {
  returnees: 1200,
  adults: 1050,
  unaccompaniedChildren: 60,
  victimsOfTrafficking: 40,
  healthNeeds: 50,
  communities: 20,
  municipalities: 5,
} as const;

const KP2 = 'Knowledge Paper #2';
const R2015 = 'Reintegration: Effective approaches (IOM 2015)';

interface LineSpec {
  id: string;
  name: string;
  category: Category;
  dimension: Dimension;
  modality: Modality;
  unitLabel: string;
  /** Unit cost in euros, as written (converted to cents below). */
  unitCostEur: number;
  quantity: string;
  schedule: Schedule;
  start: number;
  end: number;
  justification: string;
  eligibleIndirect?: boolean;
  eligibleContingency?: boolean;
}

const individual: LineSpec[] = [
  {
    id: 'ind-arrival-cash',
    name: 'Post-arrival cash for immediate needs',
    category: 'grantsToBeneficiaries',
    dimension: 'social',
    modality: 'cash',
    unitLabel: 'returnee',
    unitCostEur: 150,
    quantity: '1200',
    schedule: 'spread',
    start: 2,
    end: 31,
    justification:
      'A moderate one-off cash amount at arrival for food, transport and lodging in the first weeks, for every returnee of the planned caseload (1,200). ' +
      `The cash share of the individual package is kept small on purpose: "in-kind assistance, complemented by moderate amounts of monetary assistance to address immediate needs after arrival, may better support the reintegration process than cash support" (${R2015}, §3.3, L327). ` +
      `Reception at arrival is part of basic post-return assistance (${R2015}, §2.1, L179). ` +
      'Assumption: EUR 150 per returnee, spread over the arrival months 2 to 31.',
  },
  {
    id: 'ind-economic-inkind',
    name: 'Economic reintegration package (in kind)',
    category: 'grantsToBeneficiaries',
    dimension: 'economic',
    modality: 'inKind',
    unitLabel: 'returnee',
    unitCostEur: 1500,
    quantity: '1140',
    schedule: 'spread',
    start: 3,
    end: 33,
    justification:
      'Equipment, tools, stock or inputs for a micro-business or a job, chosen with the case manager in the reintegration plan and procured for the returnee. ' +
      'Planned caseload: 1,200 returnees, of whom 1,140 (all but the 60 unaccompanied children, who have their own package) take this package. ' +
      `Anchors: packages "range from USD 569 to USD 8,845 per person" (${R2015}, §3.3, L325); funding "ranging from a few hundred euros to several thousand on average per individual returnee" (${KP2}, L1779-1781; digest §1.7). ` +
      `In kind rather than cash because large cash grants expose returnees to theft, extortion and pressure to share (${R2015}, §3.3, L327). ` +
      'Assumption: EUR 1,500 per returnee, delivered a month after arrival (months 3 to 33). With the other individual lines the cost per returnee stays within both ranges.',
  },
  {
    id: 'ind-business-training',
    name: 'Business skills training and coaching',
    category: 'training',
    dimension: 'economic',
    modality: 'service',
    unitLabel: 'trainee',
    unitCostEur: 180,
    quantity: '900',
    schedule: 'spread',
    start: 3,
    end: 33,
    justification:
      'Short business-management training and follow-up coaching for returnees who start a micro-business with their in-kind package. ' +
      'Planned: 900 of the 1,140 package recipients choose self-employment (assumption); the other 240 take vocational training (next line). ' +
      `"Prior training and follow-up during the first year is essential in order for the business to be successful" (${R2015}, §3.5.4, micro-finance institutions, L546). ` +
      'Assumption: EUR 180 per trainee (5 training days with a local provider plus 3 coaching visits).',
  },
  {
    id: 'ind-tvet',
    name: 'Vocational training and apprenticeships (TVET places)',
    category: 'training',
    dimension: 'economic',
    modality: 'service',
    unitLabel: 'trainee',
    unitCostEur: 650,
    quantity: '240',
    schedule: 'spread',
    start: 4,
    end: 34,
    justification:
      'Places in public or private TVET centres and apprenticeships with local employers for 240 returnees who seek wage employment rather than self-employment (assumption: 240 of the 1,140 package recipients). ' +
      `A later issue models referrals to a TVET partner programme as a synergy: in Guinea, IOM "had referred 202 Guinean returnees to INTEGRA partners, of which 46 received actual support" (${KP2}, L2236-2238; digest SY-01: derived uptake 22.8 %), so this line is budgeted in full and the partner's share will reduce it. ` +
      'Assumption: EUR 650 per trainee (3- to 6-month course, materials and a small attendance allowance).',
  },
  {
    id: 'ind-children',
    name: 'Reintegration package for unaccompanied migrant children',
    category: 'grantsToBeneficiaries',
    dimension: 'social',
    modality: 'inKind',
    unitLabel: 'child',
    unitCostEur: 2400,
    quantity: '60',
    schedule: 'spread',
    start: 3,
    end: 36,
    justification:
      'Schooling or age-appropriate vocational training, family support and follow-up for 60 unaccompanied migrant children of the planned caseload, arriving by month 18. ' +
      `"A minimum of 18 months of socioeconomic assistance should be provided" to unaccompanied migrant children (${R2015}, §3.3.4, L389); for them assistance "has to be provided at least until they turn 18" (${R2015}, §3.3.1, L347). ` +
      'Assumption: EUR 2,400 per child over 18 months (about EUR 133 a month), months 3 to 36.',
  },
  {
    id: 'ind-trafficking',
    name: 'Protection and monitoring of victims of trafficking',
    category: 'services',
    dimension: 'psychosocial',
    modality: 'service',
    unitLabel: 'case-month',
    unitCostEur: 120,
    quantity: '360',
    schedule: 'spread',
    start: 2,
    end: 36,
    justification:
      'Risk assessment, safe accommodation checks, legal aid referral and regular monitoring for the 40 victims of trafficking in the planned caseload. ' +
      `Returning victims of trafficking should have "sustained monitoring (e.g. minimum of six months)" (${R2015}, §3.3.4, L387). ` +
      'Assumption: 9 months on average per case (above the 6-month minimum), 40 × 9 = 360 case-months at EUR 120.',
  },
  {
    id: 'ind-psychosocial',
    name: 'Psychosocial counselling',
    category: 'services',
    dimension: 'psychosocial',
    modality: 'service',
    unitLabel: 'session',
    unitCostEur: 35,
    quantity: '2880',
    schedule: 'spread',
    start: 2,
    end: 34,
    justification:
      'Individual and family counselling sessions by trained psychosocial counsellors, with referral of severe cases to mental health services. ' +
      `"Returnees who have access to psychosocial counselling are likely to have an easier time coping with the impacts of return", yet lack of funding "has prevented the systematic implementation of psychosocial support services in many countries" (${R2015}, §2.3, L221). ` +
      'Assumption: 40 % of the 1,200 returnees (480) take 6 sessions each = 2,880 sessions at EUR 35.',
  },
  {
    id: 'ind-medical',
    name: 'Medical assistance (screening, treatment, medication)',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'case',
    unitCostEur: 400,
    quantity: '200',
    schedule: 'spread',
    start: 2,
    end: 34,
    justification:
      'Treatment fees, medication and referral to health providers for returnees with health needs. ' +
      'Assumption: 200 cases at EUR 400 (the 50 returnees with health-related needs of the planned caseload and about 150 others with acute needs at arrival). ' +
      `For migrants with severe health needs, services "should go beyond a project's lifespan. Thus, referral to existing health and social services in the country of return is essential" (${R2015}, §3.3.4, L402-403). ` +
      `A later issue models a public-service take-over: in Mali, referred returnees gain "free health care in all public health centres in Mali for a period of two years" (${KP2}, L1463-1470; digest SY-07).`,
  },
  {
    id: 'ind-accommodation',
    name: 'Temporary accommodation for vulnerable returnees',
    category: 'grantsToBeneficiaries',
    dimension: 'social',
    modality: 'voucher',
    unitLabel: 'person-month',
    unitCostEur: 90,
    quantity: '252',
    schedule: 'spread',
    start: 2,
    end: 31,
    justification:
      'Rent vouchers for returnees without a place to stay at arrival. ' +
      `Anchor: in IOM Austria's programme to Kosovo/UNSC 1244, "employment subsidies for up to six months and provision of temporary accommodation given on top of the grant for business startups" were chosen "in around 7 per cent of cases" (${R2015}, §3.3.2, L365). ` +
      `Reintegration programmes are suited to "the most immediate needs of returnees (including in terms of housing …)" (${KP2}, L1889-1890). ` +
      'Assumption: 7 % of 1,200 = 84 returnees × 3 months = 252 person-months at EUR 90.',
  },
  {
    id: 'ind-case-management',
    name: 'Case managers (counselling, reintegration plans, follow-up)',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'case manager',
    unitCostEur: 1450,
    quantity: '8',
    schedule: 'monthly',
    start: 1,
    end: 36,
    justification:
      'Eight national case managers who counsel each returnee, draw up the reintegration plan, follow the case and close it. ' +
      `Follow-up covers at least 12 months: "a follow-up during the first 12 months upon arrival" (${R2015}, §3.1 (e), L281), and assistance "beyond 12 months" is recommended (${R2015}, §3.3.1, L347). ` +
      `Needs are identified "through the counselling sessions conducted under the reintegration programme" (${KP2}, L1886-1887). ` +
      'Sizing (assumption): about 40 arrivals a month × 12 months of follow-up ≈ 480 active cases, i.e. about 60 cases per case manager. ' +
      'Assumption: EUR 1,450 per month (salary and charges EUR 1,150, field travel for follow-up visits EUR 300).',
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
    unitCostEur: 3500,
    quantity: '20',
    schedule: 'spread',
    start: 2,
    end: 7,
    justification:
      'A community profile (labour market, services, stakeholders) and a participatory planning exercise in each of the 20 communities of return, to choose the community projects. ' +
      `Community-based initiatives "should build upon community profiles", which "can include or be complemented with various elements such as labour market assessments, stakeholders mapping" (${KP2}, L1259-1262), and use participatory methods in which "community members, including returnees, are consulted" (${KP2}, L1256-1257). ` +
      'Assumption: EUR 3,500 per community (field team, consultations, report).',
  },
  {
    id: 'com-projects',
    name: 'Community-based income-generating projects open to non-migrants',
    category: 'grantsToBeneficiaries',
    dimension: 'economic',
    modality: 'inKind',
    unitLabel: 'project',
    unitCostEur: 15000,
    quantity: '40',
    schedule: 'spread',
    start: 8,
    end: 33,
    justification:
      'Collective enterprises (cooperatives, processing units, shops) run by returnees and non-migrant community members together, two per community of return. ' +
      `Anchor: under the EU-IOM Joint Initiative, "265 community-based initiatives were implemented in 10 West African countries, directly benefiting 2,490 returnees and 2,943 members of their communities" (${KP2}, L2194-2195; digest §3.1 CS1). Derived from those figures (digest §5.4): about 20.5 beneficiaries per initiative and 54.2 % non-migrants, so 40 projects should reach about 820 people, some 440 of them non-migrants. ` +
      `Interventions "must not privilege any category of returnee or privilege returnees vis-à-vis those that remained behind" (${KP2}, L1035-1037); community projects fit where returns concentrate (${KP2}, L1263-1268). ` +
      'Assumption: EUR 15,000 per project (equipment, inputs, training, 12 months of support).',
  },
  {
    id: 'com-works',
    name: 'Learning-through-works rehabilitation of community infrastructure',
    category: 'works',
    dimension: 'social',
    modality: 'works',
    unitLabel: 'scheme',
    unitCostEur: 30000,
    quantity: '8',
    schedule: 'spread',
    start: 10,
    end: 30,
    justification:
      'Returnees and local youth are trained in construction trades while rehabilitating schools, health posts or water points chosen in the community plans. ' +
      `Anchor: in Côte d'Ivoire "returnees and local youth of three localities received training in various construction-related jobs under the EU-IOM Joint Initiative, and rehabilitated damaged schools as part of their training" (${KP2}, L778-780). ` +
      'Assumption: 8 schemes at EUR 30,000 (materials, trainers, trainee stipends).',
  },
  {
    id: 'com-cohesion',
    name: 'Social cohesion activities (sports, cultural events, dialogues)',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'event',
    unitCostEur: 2000,
    quantity: '60',
    schedule: 'spread',
    start: 6,
    end: 35,
    justification:
      'Joint activities for returnees and residents in the 20 communities, three per community. ' +
      `"Joint initiatives that encourage the inclusive participation of returnees and non-migrant populations alike … can foster social cohesion between returnees and their communities" (${KP2}, L937-938); returnees are "only" one sub-group of the community (${KP2}, L957-958). ` +
      `A "Do no harm" approach ensures "that communities are not negatively affected by the return" (${R2015}, §3.1 (i), L285). ` +
      'Assumption: 60 events at EUR 2,000.',
  },
  {
    id: 'com-awareness',
    name: "Community awareness on returnees' rights and needs",
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'campaign',
    unitCostEur: 2500,
    quantity: '20',
    schedule: 'spread',
    start: 4,
    end: 27,
    justification:
      "Local radio, community conversations and leaders' meetings against the stigma returnees face, one campaign per community. " +
      `Returnees "may be stigmatized, and communities may be reluctant to support them in reintegrating" (${KP2}, L929-930); in Ethiopia a project opened "spaces for community dialogues and awareness-raising" on "the rights and needs of returnees" (${KP2}, L1194-1196). ` +
      'Assumption: EUR 2,500 per campaign.',
  },
  {
    id: 'com-environment',
    name: 'Environmental rehabilitation with cash-for-work',
    category: 'grantsToBeneficiaries',
    dimension: 'environmental',
    modality: 'cash',
    unitLabel: 'worker-day',
    unitCostEur: 5,
    quantity: '12000',
    schedule: 'spread',
    start: 9,
    end: 30,
    justification:
      'Soil and water conservation, tree planting and land restoration in the most degraded communities, paid as cash-for-work to returnees and residents. ' +
      `Anchor: in Ethiopia, targeted community members were paid through cash-for-work schemes to build soil and water conservation structures (${KP2}, L1207-1209); "25 hectares of severely degraded land were rehabilitated" and "around 205 families living in the nearby area benefited" (${KP2}, L1210-1216; digest CO-18). ` +
      'Assumption: 12,000 worker-days at EUR 5 (about 200 workers × 60 days).',
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
    unitCostEur: 900,
    quantity: '1',
    schedule: 'monthly',
    start: 1,
    end: 36,
    justification:
      "Monthly meetings of the national coordination bodies chaired by government (venue, members' transport, minutes), alternating steering committee and technical working group. " +
      `The EU-IOM Joint Initiative established "project steering committees, reintegration technical working groups and case management committees" (${KP2}, L2186-2187); in the Niger an MHPSS working group "meets on a monthly or bi-monthly basis" (${KP2}, L492). ` +
      `Structural lines are budgeted in their own right: "Specific budget lines for structural support, community-based interventions … should be included in budgets in addition to the budget lines for individual reintegration support" (${KP2}, L1802-1806; digest §1.7). ` +
      'Assumption: EUR 900 per meeting.',
  },
  {
    id: 'str-referral',
    name: 'Service mapping, SOPs and referral mechanism',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'mechanism',
    unitCostEur: 38000,
    quantity: '1',
    schedule: 'spread',
    start: 2,
    end: 8,
    justification:
      'Mapping of public and partner services, standard operating procedures and a referral mechanism with referral guides, agreed with the ministries and partner programmes. ' +
      `Coordination "can facilitate the establishment, strengthening and operationalisation of referral mechanisms among programmes, and encourage the use of existing structures and services" (${KP2}, L472-474); partners should "formalize the synergy or partnership, and embed it into a wider referral mechanism" (${KP2}, L1917); JI coordination was "reinforced … by the development and adoption of standard operating procedures" (${KP2}, L2187-2188). ` +
      'Assumption: EUR 38,000 (consultant team for 6 months, workshops, printing).',
  },
  {
    id: 'str-capacity',
    name: 'Capacity-building of local authorities and service providers',
    category: 'training',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'course',
    unitCostEur: 7000,
    quantity: '16',
    schedule: 'spread',
    start: 4,
    end: 33,
    justification:
      'Training, training of trainers and on-the-job coaching for municipal staff, public employment and social services, and health workers (including mental health). ' +
      `Programmes "should carry out capacity-building interventions at the local and national levels in the form of technical or material support" (${KP2}, L509-510); in Nigeria IOM and the Federal Ministry of Health "rolled out the WHO Mental Health Gap Action Programme training of trainers for health professionals", whose skills "benefit both returnees and the local population" (${KP2}, L514-518). ` +
      'Assumption: 16 courses at EUR 7,000 (25 participants, 4 days, trainers, materials).',
  },
  {
    id: 'str-officers',
    name: 'Reintegration officers seconded to local government (staged handover)',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'officer',
    unitCostEur: 600,
    quantity: '10',
    schedule: 'monthly',
    start: 4,
    end: 36,
    justification:
      'Salaries of 10 reintegration officers working in the regional labour and social affairs offices, trained by the programme. ' +
      `Anchor: in Ethiopia, the EU-IOM Joint Initiative "provided training to and covered the cost of twelve reintegration officers from the Bureaus of Labour and Social Affairs"; "In the longer term, local governments are expected to continue covering the salary of these officers from their own budget" (${KP2}, L527-532; digest SY-08). ` +
      'Planned staged handover (modelled as a handover synergy in a later issue): government takes over 0 % in programme year 1, 50 % in year 2 and 100 % in year 3; until then this line carries the gross cost. ' +
      'Assumption: 10 officers at EUR 600 per month from month 4.',
  },
  {
    id: 'str-material',
    name: 'Material support to local authorities (motorcycles, IT, fuel)',
    category: 'equipment',
    dimension: 'social',
    modality: 'inKind',
    unitLabel: 'kit',
    unitCostEur: 4500,
    quantity: '10',
    schedule: 'once',
    start: 5,
    end: 5,
    justification:
      "One kit (motorcycle, laptop, first-year fuel) for each reintegration officer's office, so they can reach communities. " +
      `Stakeholders "may lack staff to attend coordination meetings, be unable to travel to communities due to a lack of vehicles or of resources for fuel"; programmes "can provide stakeholders with material or financial support" (${KP2}, L523-525). ` +
      'Assumption: 10 kits at EUR 4,500, delivered in month 5.',
  },
  {
    id: 'str-local-planning',
    name: 'Reintegration in municipal development plans',
    category: 'services',
    dimension: 'economic',
    modality: 'service',
    unitLabel: 'municipality',
    unitCostEur: 8000,
    quantity: '5',
    schedule: 'spread',
    start: 6,
    end: 30,
    justification:
      'Technical assistance to the 5 partner municipalities to include returnees and reintegration in their local development and annual investment plans. ' +
      `Local authorities have a key role in "Ensuring that returning migrants and reintegration considerations are included in local development planning and programmes" (${KP2}, L298-301); in Guinea municipal reviews of returnees' reintegration "feed into local development plans at the prefectural level" and "inform annual investment plans" (${KP2}, L561-563). ` +
      'Assumption: EUR 8,000 per municipality.',
  },
];

const support: LineSpec[] = [
  {
    id: 'sup-manager',
    name: 'Programme manager',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'person',
    unitCostEur: 8500,
    quantity: '1',
    schedule: 'monthly',
    start: 1,
    end: 36,
    justification:
      'Overall management, donor reporting and relations with government, 100 % on the programme. Assumption: EUR 8,500 per month (international staff, all-in).',
  },
  {
    id: 'sup-staff',
    name: 'National support staff (finance, administration, logistics)',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'person',
    unitCostEur: 1100,
    quantity: '4',
    schedule: 'monthly',
    start: 1,
    end: 36,
    justification:
      'A finance officer, an administrative assistant, a procurement/logistics assistant and a driver. Assumption: 4 posts at EUR 1,100 per month on average.',
  },
  {
    id: 'sup-partnerships',
    name: 'Partnerships and synergies coordinator',
    category: 'humanResources',
    dimension: 'economic',
    modality: 'staff',
    unitLabel: 'person',
    unitCostEur: 2400,
    quantity: '1',
    schedule: 'monthly',
    start: 1,
    end: 36,
    justification:
      'Negotiates and follows the agreements with partner programmes (TVET, municipalities, health scheme) and runs the referral network. ' +
      `Synergies work best when "common procedures can be defined and necessary resources for coordination allocated, before activities start" (${KP2}, L2003-2004), and they "often require capacity-development, which also has a cost" (${KP2}, L1790-1793). ` +
      'Assumption: EUR 2,400 per month from month 1.',
  },
  {
    id: 'sup-me-officer',
    name: 'Monitoring and evaluation officer and data system',
    category: 'humanResources',
    dimension: 'social',
    modality: 'staff',
    unitLabel: 'person',
    unitCostEur: 1900,
    quantity: '1',
    schedule: 'monthly',
    start: 1,
    end: 36,
    justification:
      "M&E officer, case database and monitoring of returnees' reintegration and of community projects. " +
      `"Monitoring and evaluation should be systematically included, with adequate resources" (${KP2}, L3063-3064); "Evaluations analysing the different aspects of reintegration should be included as an essential part of each project" (${R2015}, §3.2, L289). ` +
      'Assumption: EUR 1,900 per month (salary EUR 1,600, data system and tablets EUR 300).',
  },
  {
    id: 'sup-baseline',
    name: 'Baseline study',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'study',
    unitCostEur: 25000,
    quantity: '1',
    schedule: 'once',
    start: 3,
    end: 3,
    justification: `Baseline of returnees' and communities' situation against which the final evaluation measures change (see the M&E line: ${KP2}, L3063-3064). Assumption: EUR 25,000.`,
  },
  {
    id: 'sup-evaluation',
    name: 'Independent final evaluation',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'evaluation',
    unitCostEur: 45000,
    quantity: '1',
    schedule: 'once',
    start: 34,
    end: 34,
    justification: `External evaluation of outcomes at individual, community and structural level (${R2015}, §3.2, L289; ${KP2}, L3063-3066). Assumption: EUR 45,000.`,
  },
  {
    id: 'sup-audit',
    name: 'External audit / expenditure verification',
    category: 'services',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'audit',
    unitCostEur: 20000,
    quantity: '1',
    schedule: 'once',
    start: 36,
    end: 36,
    justification: 'Expenditure verification required by the donor at the end of the action. Assumption: EUR 20,000.',
  },
  {
    id: 'sup-office',
    name: 'Office, vehicle running and communication costs',
    category: 'localOffice',
    dimension: 'social',
    modality: 'service',
    unitLabel: 'month',
    unitCostEur: 4200,
    quantity: '1',
    schedule: 'monthly',
    start: 1,
    end: 36,
    justification:
      'Rent and utilities of a main office and a field office, two vehicles (fuel, maintenance, insurance), telephone and internet. Assumption: EUR 4,200 per month.',
  },
];

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
    unitCost: Math.round(s.unitCostEur * 100),
    driver: { kind: 'fixed', quantity: s.quantity, schedule: s.schedule, start: s.start, end: s.end },
    justification: s.justification,
    eligibleIndirect: s.eligibleIndirect ?? true,
    eligibleContingency: s.eligibleContingency ?? true,
  }));
}

export const SAMPLE_PROGRAMME: Programme = {
  title: 'Sustainable Reintegration and Local Development Programme (sample)',
  reportingCurrency: 'EUR',
  startMonth: '2027-01',
  durationMonths: 36,
  indirectRate: '0.07',
  contingencyRate: '0.03',
  author: 'Reintegration Costing Studio sample',
  notes:
    'Illustrative development-oriented reintegration programme in a West African country of return (the country is fictional). ' +
    'Planned caseload: 1,200 returnees arriving from month 2 to month 31 (1,050 adults, 60 unaccompanied migrant children, ' +
    '40 victims of trafficking, 50 returnees with health-related needs) in 20 communities of return and 5 partner municipalities. ' +
    'Individual, community and structural work each have their own lines, as Knowledge Paper #2 asks (L1802-1806), plus programme support. ' +
    'Every figure taken from the sources is cited in the line justification; every other figure is marked as an assumption. ' +
    'EU donor profile: indirect costs 7 % of direct eligible costs, contingency 3 %.',
  donorProfile: 'EU',
};

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
  };
}
