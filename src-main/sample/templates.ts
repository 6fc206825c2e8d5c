/**
 * Small programmes to start from ("New from template" on the Start screen), each built around one
 * synergy that the seed papers describe, with its figures cited in the lines' justifications and the
 * synergies' notes. Everything not cited is marked "Assumption:". The Start screen explains each in
 * two sentences (i18n `templates.<id>.*`).
 */
import { TEMPLATE_IDS, type TemplateId } from '../../src-shared/api';
import {
  type BudgetLine,
  defaultLineFields,
  defaultProfileFields,
  defaultSynergyFields,
  type Level,
  type LineFields,
  type Model,
  monthLabel,
  type Partner,
  type Synergy,
} from '../../src-shared/model';

const KP2 = 'Knowledge Paper #2';
const R2015 = 'Reintegration: Effective approaches (IOM 2015)';

/** The lines of `model`, in its reporting currency. */
function lines(model: Model, ...specs: [string, Level, Partial<LineFields>][]): BudgetLine[] {
  const positions: Partial<Record<Level, number>> = {};
  return specs.map(([id, level, fields]) => {
    const position = positions[level] ?? 0;
    positions[level] = position + 1;
    const currency = model.programme.reportingCurrency;
    return { ...defaultLineFields(level, 24, id, currency), ...fields, id, level, position };
  });
}

function base(title: string, startMonth: string, currency: string, notes: string): Model {
  return {
    programme: {
      title,
      reportingCurrency: currency,
      startMonth,
      durationMonths: 24,
      indirectRate: '0.07',
      contingencyRate: '0.03',
      author: '',
      notes,
      donorProfile: 'none',
      communities: 4,
      inflation: '0',
      indirectBase: 'direct',
      euAgreement: 'grant',
      usAwardDate: null,
      usNicra: null,
    },
    lines: [],
    profiles: [{ ...defaultProfileFields('adult', 'Returnees', 24), id: 'returnees', position: 0, arrivals: 200 }],
    currencies: [],
    funders: [
      {
        id: 'donor',
        position: 0,
        name: 'Main donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

function partner(id: string, name: string, type: Partner['type'], model: Model, notes: string): Partner {
  const { startMonth, durationMonths } = model.programme;
  return {
    id,
    position: 0,
    name,
    organisation: '',
    type,
    startMonth,
    endMonth: monthLabel(startMonth, durationMonths),
    notes,
  };
}

function synergy(
  id: string,
  partnerId: string,
  name: string,
  effect: Synergy['effect'],
  lineIds: string[],
  notes: string,
): Synergy {
  return {
    ...defaultSynergyFields(effect.type, partnerId, name, 24),
    id,
    position: 0,
    effect,
    lineIds,
    status: 'signed',
    notes,
  };
}

const grants = (
  unitCost: number,
  justification: string,
  outputs: LineFields['outputs'] = { businesses: '1', jobs: '0', people: '0' },
): Partial<LineFields> => ({
  name: 'Business grants',
  category: 'grantsToBeneficiaries',
  modality: 'matchingGrant',
  unitLabel: 'business',
  unitCost,
  driver: { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '0.5', offset: 3, start: 1, end: 24 },
  justification,
  outputs,
});

const followUp: Partial<LineFields> = {
  name: 'Business coaching and follow-up',
  category: 'services',
  modality: 'service',
  unitLabel: 'case-month',
  unitCost: 4_000,
  driver: { kind: 'perActiveCase', quantity: '1', profileIds: [], start: 1, end: 24 },
  justification: 'Assumption: 40.00 per case-month of a business adviser’s time.',
};

/** The template's model, starting in `startMonth` (YYYY-MM). */
export function templateModel(id: TemplateId, startMonth: string): Model {
  switch (id) {
    case 'elCucayo': {
      const m = base(
        'Matching fund for returnees’ businesses (El Cucayo model)',
        startMonth,
        'USD',
        `Template: Ecuador's "El Cucayo" fund, ${R2015}, L469-476.`,
      );
      m.lines = lines(
        m,
        [
          'grants',
          'individual',
          grants(
            250_000,
            `Individual and family businesses under the 50–50 arrangement, where "the entrepreneur and SENAMI each contribute 50 per cent to the project; the project cost should be USD 50,000 maximum for collective business projects, or USD 2,500 for individual/family businesses" (${R2015}, L475). The line carries the whole USD 2,500 project; the matching fund's half is the synergy. Assumption: half the returnees start a business three months after arrival.`,
          ),
        ],
        ['coaching', 'individual', followUp],
      );
      m.partners = [partner('senami', 'SENAMI matching fund', 'government', m, `${R2015}, L471.`)];
      m.synergies = [
        synergy(
          'matching-50-50',
          'senami',
          'El Cucayo 50–50',
          {
            type: 'matching',
            programmePart: '50',
            partnerPart: '50',
            capPerGrant: 125_000,
            collectiveCap: null,
            mode: 'share',
          },
          ['grants'],
          `50–50, at most half of a USD 2,500 project per business (${R2015}, L475).`,
        ),
      ];
      return m;
    }
    case 'pare': {
      const m = base(
        'Remittances into business, one for one (PARE 1+1 model)',
        startMonth,
        'EUR',
        `Template: the Republic of Moldova's PARE 1+1, ${KP2}, L1632-1639.`,
      );
      m.lines = lines(
        m,
        [
          'grants',
          'individual',
          grants(
            500_000,
            `The "1+1" principle: "the funds invested by individuals to create or develop businesses, are matched by non-refundable grants of equal value" (${KP2}, L1632-1633). The line is the programme's grant; the returnee's own equal part is the synergy (leverage, beside the budget). Each business counts 2.75 jobs: in Kosovo, "businesses established through the AVRR programme created 2.75 workplaces per returnee on average" (${R2015}, L365). Assumption: EUR 5,000 a grant, half the returnees, three months after arrival.`,
            { businesses: '1', jobs: '2.75', people: '0' },
          ),
        ],
        ['coaching', 'individual', followUp],
      );
      m.partners = [
        partner(
          'returnee-investors',
          'Returnee investors',
          'privateSector',
          m,
          `Their own savings or remittances (${KP2}, L1633).`,
        ),
      ];
      m.synergies = [
        synergy(
          'one-plus-one',
          'returnee-investors',
          '1+1: each euro invested matched by one',
          {
            type: 'matching',
            programmePart: '1',
            partnerPart: '1',
            capPerGrant: null,
            collectiveCap: null,
            mode: 'leverage',
          },
          ['grants'],
          `PARE 1+1 "supported 1,700 businesses through this mechanism" between 2011 and 2021 (${KP2}, L1638-1639).`,
        ),
      ];
      return m;
    }
    case 'faoIom': {
      const m = base(
        'Agricultural reintegration with a split of costs (FAO–IOM model)',
        startMonth,
        'USD',
        `Template: FAO and IOM in West Darfur, ${KP2}, L1399-1406.`,
      );
      m.lines = lines(
        m,
        [
          'cash',
          'individual',
          {
            name: 'Cash to set up the farm business (cattle, field preparation)',
            category: 'grantsToBeneficiaries',
            modality: 'cash',
            unitLabel: 'returnee',
            unitCost: 60_000,
            driver: { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '0.5', offset: 1, start: 1, end: 24 },
            justification: `IOM's support is "used to establish the business (e.g. pay for the cattle, prepare the field, etc.)" (${KP2}, L1401-1402). Assumption: USD 600 a returnee, half of them, a month after arrival.`,
          },
        ],
        [
          'inputs',
          'individual',
          {
            name: 'Machinery, seeds and fertilizers',
            category: 'equipment',
            modality: 'inKind',
            unitLabel: 'returnee',
            unitCost: 40_000,
            driver: { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '0.5', offset: 1, start: 1, end: 24 },
            justification: `FAO "provides complimentary support in the provision of machinery, seeds or fertilizers" (${KP2}, L1403-1404): budgeted here, and paid by FAO (the cost-sharing synergy). Assumption: USD 400 a returnee.`,
          },
        ],
        ['coaching', 'individual', followUp],
      );
      m.funders = [
        ...m.funders,
        {
          id: 'fao',
          position: 1,
          name: 'FAO (partner)',
          type: 'partner',
          status: 'confirmed',
          ceiling: null,
          conditionalOnMatch: false,
        },
      ];
      m.partners = [partner('fao-partner', 'FAO agricultural programme', 'unAgency', m, `${KP2}, L1399-1406.`)];
      m.synergies = [
        {
          ...synergy(
            'fao-inputs',
            'fao-partner',
            'FAO pays the agricultural inputs',
            { type: 'costSharing', share: '1' },
            ['inputs'],
            `"There is a clear distinction of tasks, assistance provided, and costs under the joint partnership" (${KP2}, L1404-1406).`,
          ),
          funderId: 'fao',
        },
      ];
      return m;
    }
    case 'georgia': {
      const m = base(
        'Community revitalisation co-funded by municipalities (Georgia model)',
        startMonth,
        'EUR',
        `Template: the IOM Development Fund and SDC project in Georgia, ${KP2}, L2514-2535.`,
      );
      m.lines = lines(
        m,
        [
          'hubs',
          'community',
          {
            name: 'Service Hubs open to all local residents',
            category: 'services',
            modality: 'service',
            unitLabel: 'hub-month',
            unitCost: 150_000,
            driver: { kind: 'perCommunity', quantity: '1', schedule: 'monthly', start: 4, end: 24 },
            beneficiariesPerUnit: '25',
            nonMigrantShare: '0.7',
            justification: `The project "will establish Service Hubs in pilot communities to enhance access to services and counselling for all local residents" (${KP2}, L2528-2529). Assumption: one hub in each of the 4 pilot communities from month 4, EUR 1,500 a month each (premises, a counsellor), 25 people a month, 70 % of them residents who did not migrate.`,
          },
        ],
        [
          'revitalisation',
          'community',
          {
            name: 'Small community revitalisation projects',
            category: 'works',
            modality: 'works',
            unitLabel: 'project',
            unitCost: 2_000_000,
            driver: { kind: 'perCommunity', quantity: '2', schedule: 'spread', start: 7, end: 22 },
            beneficiariesPerUnit: '150',
            nonMigrantShare: '0.8',
            justification: `Communities identify "community revitalization priorities through community consultations", and the project funds "pilot initiatives expected to positively contribute to community revitalization" (${KP2}, L2533-2535). Assumption: two projects per community at EUR 20,000, 150 people each, 80 % non-migrants.`,
          },
        ],
        [
          'collective',
          'individual',
          {
            name: 'Collective reintegration projects of returnee groups',
            category: 'grantsToBeneficiaries',
            modality: 'inKind',
            unitLabel: 'project',
            unitCost: 1_200_000,
            driver: {
              kind: 'perProject',
              returneesPerProject: '10',
              profileIds: [],
              schedule: 'spread',
              start: 6,
              end: 20,
            },
            justification: `The project "will also support collective reintegration projects in pilot communities to support groups of local returnees" (${KP2}, L2531-2532). Assumption: one project per 10 returnees, EUR 12,000 each.`,
            outputs: { businesses: '1', jobs: '0', people: '10' },
          },
        ],
      );
      m.funders = [
        ...m.funders,
        {
          id: 'municipalities',
          position: 1,
          name: 'Pilot municipalities (co-funding)',
          type: 'coFinancier',
          status: 'pipeline',
          ceiling: null,
          conditionalOnMatch: false,
        },
      ];
      m.partners = [partner('municipalities-partner', 'Pilot municipalities', 'government', m, `${KP2}, L2519-2521.`)];
      m.synergies = [
        {
          ...synergy(
            'municipal-co-funding',
            'municipalities-partner',
            'Municipalities co-fund the community activities',
            { type: 'coFinancing', basis: 'share', share: '0.3', amount: 0 },
            ['hubs', 'revitalisation'],
            `Municipalities take part in implementation, "co-funding, and co-leading community level activities" (${KP2}, L2520-2521). Assumption: 30 % of the community lines.`,
          ),
          funderId: 'municipalities',
        },
      ];
      return m;
    }
  }
}

export { TEMPLATE_IDS };
