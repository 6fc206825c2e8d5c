export * from './model';
export * from './canonical';
