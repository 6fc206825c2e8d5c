/**
 * The checks' words in French: exactly the keys of en.ts (the types refuse a missing or extra
 * key). French typography: a no-break space before : ; ? ! % and inside « » (a test checks it).
 */
import type { DiagnosticCode } from '../../engine/result';
import type { ProfileKind } from '../../model';
import type { CheckCode } from '../types';
import type { checkWordsEn } from './en';

export const findingsFr: Record<CheckCode, string> = {
  'donor.indirectAbove': 'Le taux de coûts indirects est de {rate}, au-delà des {max} admis par ce bailleur.',
  'donor.contingencyAbove': 'Le taux d’imprévus est de {rate}, au-delà des {max} admis par ce bailleur.',
  'donor.matchCondition':
    '« {name} » subordonne sa contribution à un cofinancement : le financement de ce bailleur ne peut dépendre d’un cofinancement d’autres sources. Décochez « Subordonné à un cofinancement » si ce n’est pas le cas, ou trouvez un financement qui n’en dépend pas.',
  'donor.euContributionRate':
    'Le taux de coûts indirects est de {rate}, au-delà des {max} habituels pour un financement de l’UE : dans une convention de contribution, les règles propres de l’organisation s’appliquent, telles que la convention les fixe. Vérifiez le taux au regard de la convention.',
  'donor.ineligibleContribution':
    '« {name} » est payée en partie par « {funder} », dont l’apport propre n’est pas un coût éligible, et porte pourtant des coûts indirects ou des imprévus. Décochez son éligibilité aux coûts indirects et aux imprévus, ou financez-la autrement.',
  'donor.indirectAboveNicra':
    'Le taux de coûts indirects est de {rate}, au-delà du taux négocié de {max}. Ramenez-le au taux négocié.',
  'donor.nicraBase':
    'Les coûts indirects sont calculés sur une autre base que celle de l’accord de taux négocié. Choisissez la base de l’accord sous « Coûts indirects calculés sur ».',
  'donor.indirectAboveMtdc':
    'Des coûts indirects de {amount} dépassent de {over} les {max} des coûts directs totaux modifiés ({allowed}) : la base est plus large que les MTDC. Calculez-les sur les MTDC, ou baissez le taux.',
  'donor.subawardNoUsd':
    'Sous-subvention « {name} » : ses premiers 50 000 USD n’ont pu être comptés dans les MTDC, faute de taux de change de l’USD dans le programme ; elle en est donc exclue en entier. Ajoutez l’USD comme devise locale.',
  'principles.noStructural':
    'Aucune ligne structurelle : le soutien structurel doit avoir ses propres lignes budgétaires, en plus du soutien individuel.',
  'principles.noCommunity':
    'Aucune ligne communautaire : les interventions communautaires doivent avoir leurs propres lignes budgétaires, en plus du soutien individuel.',
  'principles.noMonitoring':
    'Rien n’est budgété pour le suivi et l’évaluation : le S&E demande des ressources suffisantes (en pratique, au moins {min} des coûts directs). Ajoutez des lignes dans la catégorie « Suivi et évaluation ».',
  'principles.noPsychosocial': 'Aucune ligne ne soutient la dimension psychosociale.',
  'principles.childDuration':
    'Le profil « {name} » (enfants non accompagnés) est accompagné {months} mois ; les sources demandent au moins {min}.',
  'principles.traffickingDuration':
    'Le profil « {name} » (victimes de la traite) est suivi {months} mois ; les sources demandent au moins {min}.',
  'principles.followUp':
    'Le profil « {name} » est accompagné {months} mois ; les sources demandent un suivi pendant les {min} premiers mois.',
  'principles.packageBelow':
    'Le paquet individuel (ce que reçoit une personne de retour : aides, soutien en nature et services) s’élève à {amount} par personne de retour, environ {usd} ({conversion}) : en dessous de la fourchette de {min} à {max} observée dans les programmes. Vérifiez que les lignes du paquet couvrent les besoins des personnes de retour.',
  'principles.packageAbove':
    'Le paquet individuel (ce que reçoit une personne de retour : aides, soutien en nature et services) s’élève à {amount} par personne de retour, environ {usd} ({conversion}) : au-dessus de la fourchette de {min} à {max} observée dans les programmes. Vérifiez les coûts unitaires et les taux de recours des lignes du paquet.',
  'principles.noNonMigrants':
    'La ligne communautaire « {name} » ne touche aucun non-migrant : des projets ouverts à toute la communauté aident à éviter les tensions (ne pas nuire). Visez environ {target} de membres de la communauté parmi les personnes touchées, comme les projets communautaires de l’initiative conjointe.',
  'principles.largeCash':
    'Les espèces représentent {share} des aides versées aux personnes de retour ({cash} sur {grants}), plus de {max} : l’étude de 2015 privilégie un soutien en nature avec des montants en espèces modérés. Envisagez d’en donner une partie en nature ou en bons.',
  'principles.monitoringBelow':
    'Le suivi et l’évaluation représentent {amount}, soit {share} des coûts directs : en dessous du plancher de {min} couramment retenu par les praticiens (les sources demandent des ressources suffisantes sans donner de chiffre). Vérifiez que le S&E couvre l’étude de référence, le suivi et l’évaluation.',
  'principles.followUpInside':
    'Profil « {name} » : {late} de ses {arrivals} arrivées ont lieu après le mois {lastMonth}, trop tard pour que leurs {months} mois de suivi s’achèvent dans les {duration} mois du programme. Terminez les arrivées au mois {lastMonth}, ou budgétez leur suivi au-delà du programme.',
  'principles.vulnerableNoLine':
    'Le profil « {name} » ({kind}) n’a aucune ligne propre : aucune ligne budgétaire ne le nomme dans son inducteur de quantité. Ajoutez le soutien spécifique dont il a besoin (protection, soins médicaux, scolarité…) dans une ligne calculée sur ce profil.',
  'principles.fewNonMigrants':
    'Ligne communautaire « {name} » : les non-migrants sont {share} des personnes touchées, en dessous des {target} des projets communautaires de l’initiative conjointe ({of} sur {outOf}). Ouvrez-la davantage aux membres de la communauté (ne pas nuire).',
  'principles.noCommunityBeneficiaries':
    'Aucune ligne communautaire n’indique les personnes qu’elle touche : la part de non-migrants ne peut pas être vérifiée (ne pas nuire ; cible {target}). Saisissez les bénéficiaires par unité et la part de non-migrants des projets communautaires.',
  'principles.uncertainFunding':
    '{share} du budget ({amount}) repose sur des sources de financement encore en préparation ou hypothétiques, la principale étant « {name} ». Confirmez-les, ou prévoyez ce que le programme abandonne si elles ne se concrétisent pas.',
  'principles.stateReliance':
    'Synergie « {name} » : le plan compte sur « {partner} », un programme de l’État, pour couvrir {covered}, sans accord signé. Vérifiez que ce programme se poursuivra (et qui le finance) avant de vous appuyer dessus.',
  'funder.ceilingExceeded': '« {name} » est sollicité pour {used}, soit {over} de plus que son plafond de {ceiling}.',
  'funder.none': 'Il n’y a aucune source de financement : ajoutez au moins le bailleur principal.',
  'donor.noHeading':
    '« {name} » est dans une catégorie qui n’a pas de rubrique dans le modèle de budget de ce bailleur : l’export la place sous « Sans rubrique ». Choisissez-lui une autre catégorie.',
  'synergy.noMonths':
    'La synergie « {name} » n’opère aucun mois : ses mois sont hors du programme ou des dates du partenaire, elle ne couvre donc rien.',
  'synergy.noTargets': 'La synergie « {name} » ne vise encore aucune ligne budgétaire : elle ne couvre rien.',
  'synergy.noCoordination':
    'L’orientation « {name} » n’a pas de coût de coordination : les orientations demandent du temps de personnel et un suivi, à budgéter dès le départ.',
  'synergy.capacity':
    'Orientation « {name} » : environ {planned} personnes recourraient au service du partenaire, qui n’a de place que pour {capacity}. Les autres restent à la charge du programme.',
  'synergy.matchingCapped':
    'Fonds de contrepartie « {name} » : les plafonds laissent {capped} de la part du partenaire non payés.',
  'synergy.noHandover':
    'Personnel détaché « {name} » : aucune reprise par les autorités d’ici la dernière année du programme, et aucune part de l’État dans son financement.',
  'synergy.lineOverCovered':
    'Les synergies de la ligne « {name} » réclament {over} de plus que son coût : elles la couvrent entièrement et le reste n’est pas compté.',
};

export const diagnosticsFr: Record<DiagnosticCode, string> = {
  'line.zeroCost': '« {name} » ne coûte encore rien : saisissez un coût unitaire et une quantité.',
  'window.outside': '« {name} » se déroule en dehors des {duration} mois du programme.',
  'window.endBeforeStart': '« {name} » se termine avant de commencer.',
  'profile.unknown': '« {name} » suit un profil de personnes de retour qui n’existe plus.',
  'currency.unknown':
    '« {name} » est saisie en {currency}, qui ne figure pas dans la liste des devises : elle ne compte pour rien. Choisissez une autre devise ou ajoutez {currency} dans l’écran Programme.',
  'currency.noRate':
    '« {name} » est saisie en {currency}, qui n’a pas de taux de change pour certaines années : ces mois ne comptent pour rien.',
  'percentage.unknownLine': '« {name} » prend dans sa base une ligne qui n’existe plus.',
  'percentage.cycle':
    '« {name} » est un pourcentage d’elle-même, directement ou via d’autres lignes en pourcentage : elle ne coûte rien tant que la boucle n’est pas rompue.',
  'funding.unknownFunder': 'La répartition de « {name} » cite une source de financement qui n’existe plus.',
  'funding.sum': 'Les parts de financement de « {name} » totalisent {sum} et non 100 %.',
  'amount.tooLarge':
    '«\u00a0{name}\u00a0» coûterait plus de {max}, le plus grand montant que l’application traite\u00a0: elle ne compte pour rien. Réduisez sa quantité, son coût unitaire ou son taux de change.',
  'total.tooLarge':
    'Le programme coûterait plus de {max}, le plus grand montant que l’application traite\u00a0: aucun montant n’est affiché. Réduisez les quantités ou les coûts unitaires des plus grosses lignes.',
  'value.outOfBounds':
    '{field} vaut «\u00a0{value}\u00a0», qui a plus de chiffres que l’application n’en accepte (fichier modifié hors de l’application\u00a0?). Le calcul l’arrondit\u00a0; saisissez-le à nouveau.',
};

export const checkWordsFr: { readonly [K in keyof typeof checkWordsEn]: string } = {
  'severity.error': 'Erreur',
  'severity.warning': 'Avertissement',
  'severity.note': 'Remarque',
  'count.error.one': '{n} erreur',
  'count.error.other': '{n} erreurs',
  'count.warning.one': '{n} avertissement',
  'count.warning.other': '{n} avertissements',
  'count.note.one': '{n} remarque',
  'count.note.other': '{n} remarques',
  allClear: 'Aucun constat : le programme passe tous les contrôles.',
  source: 'Source : {source}',
  unknown: 'Contrôle « {code} ».',
  'conversion.usd': 'le budget est en dollars des États-Unis',
  'conversion.model': 'à {rate} USD pour 1 {currency}, le taux de l’année 1 du programme',
  'conversion.reference':
    'à {rate} USD pour 1 {currency}, moyenne {year} de la BCE, faute de taux USD dans le programme : ajoutez l’USD comme devise pour utiliser le vôtre',
  'where.programme': 'le programme dans son ensemble',
  'where.line': 'ligne « {name} » ({level})',
  'where.setting': 'réglage « {name} »',
  'where.profile': 'profil « {name} »',
  'where.funder': 'source de financement « {name} »',
  'where.currency': 'devise {name}',
  'where.synergy': 'synergie « {name} »',
  'setting.indirectRate': 'taux de coûts indirects',
  'setting.contingencyRate': 'taux d’imprévus',
  'setting.indirectBase': 'coûts indirects calculés sur',
};

export const profileKindsFr: Record<ProfileKind, string> = {
  adult: 'Adulte seul',
  family: 'Famille (par ménage)',
  child: 'Enfant non accompagné',
  trafficking: 'Victime de la traite',
  health: 'Besoins de santé',
  custom: 'Profil personnalisé',
};
