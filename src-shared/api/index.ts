export * from './contract';
export * from './dispatch';
