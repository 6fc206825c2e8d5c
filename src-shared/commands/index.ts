export * from './plan';
export * from './validation';
