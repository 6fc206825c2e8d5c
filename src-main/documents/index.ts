export * from './app-service';
export * from './document-service';
export * from './lock';
export * from './write-model';
export { TargetExistsError } from './files';
export type { RowChange } from '../../src-shared/commands';
