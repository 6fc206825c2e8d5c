/**
 * What a command did, in the user's language ("editing “Cash grant”"): the undo and redo buttons
 * (app/TopBar) and the change log (features/history) put a command's type and the name it touched
 * into words with these.
 */
import type { HistoryLabel } from '../../src-shared/api';
import type { MessageKey } from '../i18n';

export const COMMAND_PHRASES: Readonly<Record<HistoryLabel['action'], MessageKey>> = {
  'programme.update': 'history.programme.update',
  'line.add': 'history.line.add',
  'line.update': 'history.line.update',
  'line.duplicate': 'history.line.duplicate',
  'line.delete': 'history.line.delete',
  'line.move': 'history.line.move',
  'line.import': 'history.line.import',
  'profile.add': 'history.profile.add',
  'profile.update': 'history.profile.update',
  'profile.delete': 'history.profile.delete',
  'profile.move': 'history.profile.move',
  'currency.put': 'history.currency.put',
  'currency.delete': 'history.currency.delete',
  'funder.add': 'history.funder.add',
  'funder.update': 'history.funder.update',
  'funder.delete': 'history.funder.delete',
  'funder.move': 'history.funder.move',
  'partner.add': 'history.partner.add',
  'partner.update': 'history.partner.update',
  'partner.delete': 'history.partner.delete',
  'partner.move': 'history.partner.move',
  'synergy.add': 'history.synergy.add',
  'synergy.update': 'history.synergy.update',
  'synergy.delete': 'history.synergy.delete',
  'synergy.move': 'history.synergy.move',
  'scenario.add': 'history.scenario.add',
  'scenario.update': 'history.scenario.update',
  'scenario.delete': 'history.scenario.delete',
  'scenario.move': 'history.scenario.move',
  'scenario.duplicate': 'history.scenario.duplicate',
  'scenario.promote': 'history.scenario.promote',
  'scenario.edit': 'history.scenario.edit',
  'scenario.setOff': 'history.scenario.setOff',
  'scenario.revert': 'history.scenario.revert',
  'range.put': 'history.range.put',
  'range.delete': 'history.range.delete',
};

export function isCommandType(s: string): s is HistoryLabel['action'] {
  return Object.prototype.hasOwnProperty.call(COMMAND_PHRASES, s);
}
