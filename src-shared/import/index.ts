export * from './fields';
export * from './guess';
export * from './cells';
export * from './check';
export * from './csv-parse';
