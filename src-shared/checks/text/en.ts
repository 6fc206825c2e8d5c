/**
 * The checks' words in English: each finding and engine diagnostic as a sentence (placeholders
 * {name}), the terms findings name (profile kinds, how USD was reached), where a finding is, and
 * the counts. ONE copy for the app and the command line: the renderer's dictionaries spread these
 * sections (`...section('checks', findingsEn)`), `rcs check` reads them through ./index.ts.
 * Typed by the code unions, so a code without a sentence does not compile; fr.ts must have exactly
 * the same keys.
 */
import type { DiagnosticCode } from '../../engine/result';
import type { ProfileKind } from '../../model';
import type { CheckCode } from '../types';

/** The checks' own findings (`checks.<code>` in the renderer). */
export const findingsEn = {
  'donor.indirectAbove': 'The indirect cost rate is {rate}, above the {max} this donor allows.',
  'donor.contingencyAbove': 'The contingency rate is {rate}, above the {max} this donor allows.',
  'donor.matchCondition':
    '“{name}” makes its contribution conditional on match funding: this donor’s funding may not depend on match funding from others. Clear “Conditional on match funding” if it does not, or find funding that does not.',
  'donor.euContributionRate':
    'The indirect cost rate is {rate}, above the {max} usual for EU funding: under a contribution agreement the organisation’s own rules apply, as the agreement sets them. Check the rate against the agreement.',
  'donor.ineligibleContribution':
    '“{name}” is paid in part by “{funder}”, whose own contribution is not an eligible cost, and still carries indirect costs or contingency. Untick its eligibility for indirect costs and contingency, or fund it otherwise.',
  'donor.indirectAboveNicra':
    'The indirect cost rate is {rate}, above the negotiated rate of {max}. Lower it to the negotiated rate.',
  'donor.nicraBase':
    'Indirect costs are computed on another base than the negotiated rate agreement’s. Choose the agreement’s base under “Indirect costs computed on”.',
  'donor.indirectAboveMtdc':
    'Indirect costs of {amount} are {over} above {max} of the modified total direct costs ({allowed}): the base is wider than the MTDC. Compute them on the MTDC, or lower the rate.',
  'donor.subawardNoUsd':
    'Subaward “{name}”: its first USD 50,000 could not be counted in the MTDC because the programme has no USD exchange rate, so all of it is left out. Add USD as a local currency.',
  'principles.noStructural':
    'There is no structural line: structural support should have its own budget lines, in addition to individual support.',
  'principles.noCommunity':
    'There is no community line: community-based work should have its own budget lines, in addition to individual support.',
  'principles.noMonitoring':
    'Nothing is budgeted for monitoring and evaluation: M&E needs adequate resources (as a practitioner’s floor, at least {min} of direct cost). Add lines in the “Monitoring and evaluation” category.',
  'principles.noPsychosocial': 'No line supports the psychosocial dimension.',
  'principles.childDuration':
    'Profile “{name}” (unaccompanied children) is assisted {months} months; the sources ask for at least {min}.',
  'principles.traffickingDuration':
    'Profile “{name}” (victims of trafficking) is monitored {months} months; the sources ask for at least {min}.',
  'principles.followUp':
    'Profile “{name}” is assisted {months} months; the sources ask for a follow-up during the first {min} months.',
  'principles.packageBelow':
    'The individual package (what a returnee receives: grants, in kind and services) comes to {amount} per returnee, about {usd} ({conversion}): below the {min} to {max} seen across programmes. Check that the package lines cover what returnees need.',
  'principles.packageAbove':
    'The individual package (what a returnee receives: grants, in kind and services) comes to {amount} per returnee, about {usd} ({conversion}): above the {min} to {max} seen across programmes. Check the unit costs and take-up of the package lines.',
  'principles.noNonMigrants':
    'Community line “{name}” reaches no non-migrants: projects open to the whole community help avoid tension (do no harm). Aim for about {target} community members among the people it reaches, as in the Joint Initiative’s community projects.',
  'principles.largeCash':
    'Cash is {share} of the grants paid to returnees ({cash} of {grants}), more than {max}: the 2015 review prefers in-kind support with moderate cash. Consider giving part of it in kind or as vouchers.',
  'principles.monitoringBelow':
    'Monitoring and evaluation comes to {amount}, {share} of direct cost: below the {min} practitioners commonly take as a floor (the sources ask for adequate resources and give no figure). Check that M&E covers the baseline, the monitoring and the evaluation.',
  'principles.followUpInside':
    'Profile “{name}”: {late} of its {arrivals} arrivals come after month {lastMonth}, too late for their {months} months of follow-up to end within the programme’s {duration} months. End the arrivals by month {lastMonth}, or budget their follow-up beyond the programme.',
  'principles.vulnerableNoLine':
    'Profile “{name}” ({kind}) has no line of its own: no budget line names it in its quantity driver. Add the specific support it needs (protection, medical care, schooling…) as a line driven by this profile.',
  'principles.fewNonMigrants':
    'Community line “{name}”: non-migrants are {share} of the people it reaches, below the {target} of the Joint Initiative’s community projects ({of} of {outOf}). Open it wider to community members (do no harm).',
  'principles.noCommunityBeneficiaries':
    'No community line records the people it reaches, so the share of non-migrants cannot be checked (do no harm; target {target}). Enter the beneficiaries per unit and the share of non-migrants of the community projects.',
  'principles.uncertainFunding':
    '{share} of the budget ({amount}) rests on funding sources still in the pipeline or hypothetical, the largest “{name}”. Confirm them, or plan what the programme drops if they do not come.',
  'principles.stateReliance':
    'Synergy “{name}”: the plan counts on “{partner}”, a state programme, to cover {covered}, with no signed agreement yet. Check that the programme will continue (and who funds it) before relying on it.',
  'funder.ceilingExceeded': '“{name}” is asked for {used}, {over} more than its ceiling of {ceiling}.',
  'funder.none': 'There are no funding sources: add at least the main donor.',
  'donor.noHeading':
    '“{name}” is in a category that has no heading in this donor’s budget template: the export puts it under “Not mapped”. Choose another category for it.',
  'synergy.noMonths':
    'Synergy “{name}” operates in no month: its months fall outside the programme or the partner’s own dates, so it covers nothing.',
  'synergy.noTargets': 'Synergy “{name}” targets no budget line yet, so it covers nothing.',
  'synergy.noCoordination':
    'Referral “{name}” has no coordination cost: referrals need staff time and follow-up, budgeted from the start.',
  'synergy.capacity':
    'Referral “{name}”: about {planned} people would take the partner’s service up, but it has room for {capacity}. The others stay with the programme.',
  'synergy.matchingCapped': 'Matching fund “{name}”: the caps leave {capped} of the partner’s part unpaid.',
  'synergy.noHandover':
    'Seconded staff “{name}”: no handover to the authorities by the programme’s last year, and no government share in its funding.',
  'synergy.lineOverCovered':
    'The synergies on line “{name}” claim {over} more than its cost: they cover it fully, and the rest is not counted.',
} as const satisfies Record<CheckCode, string>;

/** The engine's diagnostics, shown as model-integrity findings (`checks.<code>`). */
export const diagnosticsEn = {
  'line.zeroCost': '“{name}” costs nothing yet: enter a unit cost and a quantity.',
  'window.outside': '“{name}” runs outside the programme’s {duration} months.',
  'window.endBeforeStart': '“{name}” ends before it starts.',
  'profile.unknown': '“{name}” follows a returnee profile that no longer exists.',
  'currency.unknown':
    '“{name}” is entered in {currency}, which is not in the list of currencies, so it counts for nothing. Choose another currency or add {currency} on the Programme screen.',
  'currency.noRate':
    '“{name}” is entered in {currency}, which has no exchange rate for some programme years: those months count for nothing.',
  'percentage.unknownLine': '“{name}” takes a line in its base that no longer exists.',
  'percentage.cycle':
    '“{name}” is a percentage of itself, directly or through other percentage lines: it costs nothing until the loop is broken.',
  'funding.unknownFunder': 'The funding split of “{name}” names a source that no longer exists.',
  'funding.sum': 'The funding shares of “{name}” add up to {sum}, not 100 %.',
  'amount.tooLarge':
    '“{name}” would cost more than {max}, the largest amount the app handles, so it counts for nothing. Lower its quantity, its unit cost or its exchange rate.',
  'total.tooLarge':
    'The programme would cost more than {max}, the largest amount the app handles, so no amount is shown. Lower the largest lines’ quantities or unit costs.',
  'value.outOfBounds':
    '{field} holds “{value}”, which has more digits than the app accepts (the file was edited outside the app?). It is computed rounded; enter it again.',
} as const satisfies Record<DiagnosticCode, string>;

/**
 * The words around the findings (`checks.<key>` in the renderer): severities, counts (one/other,
 * see src-shared/text/plural.ts), the source, how a package was converted to USD (a finding's
 * `conversion` term), and where a finding is as the command line names it (`where.*`, with the
 * names of the programme settings a finding can point at).
 */
export const checkWordsEn = {
  'severity.error': 'Error',
  'severity.warning': 'Warning',
  'severity.note': 'Note',
  'count.error.one': '{n} error',
  'count.error.other': '{n} errors',
  'count.warning.one': '{n} warning',
  'count.warning.other': '{n} warnings',
  'count.note.one': '{n} note',
  'count.note.other': '{n} notes',
  allClear: 'No findings: the programme passes every check.',
  source: 'Source: {source}',
  unknown: 'Check “{code}”.',
  'conversion.usd': 'the budget is in US dollars',
  'conversion.model': 'at {rate} USD per {currency}, the programme’s year-1 rate',
  'conversion.reference':
    'at {rate} USD per {currency}, the ECB’s {year} average, as the programme has no USD rate: add USD as a currency to use your own',
  'where.programme': 'the programme as a whole',
  'where.line': 'line “{name}” ({level})',
  'where.setting': 'setting “{name}”',
  'where.profile': 'profile “{name}”',
  'where.funder': 'funding source “{name}”',
  'where.currency': 'currency {name}',
  'where.synergy': 'synergy “{name}”',
  'setting.indirectRate': 'indirect cost rate',
  'setting.contingencyRate': 'contingency rate',
  'setting.indirectBase': 'indirect costs computed on',
} as const;

/** The kinds of returnee profile (`profile.kind.<kind>` in the renderer). */
export const profileKindsEn = {
  adult: 'Adult single',
  family: 'Family (per household)',
  child: 'Unaccompanied child',
  trafficking: 'Victim of trafficking',
  health: 'Health-related needs',
  custom: 'Own profile',
} as const satisfies Record<ProfileKind, string>;
