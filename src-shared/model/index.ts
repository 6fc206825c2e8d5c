export * from './model';
export * from './canonical';
export * from './entities';
export * from './scenarios';
