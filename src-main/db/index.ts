export * from './constants';
export * from './connection';
export * from './migrations';
export * from './repository';
export * from './tables';
