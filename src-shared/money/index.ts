export * from './rational';
export * from './decimal';
export * from './minor';
export * from './allocate';
export * from './parse';
export * from './format';
