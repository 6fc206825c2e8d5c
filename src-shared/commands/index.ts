export * from './apply';
export * from './ids';
export * from './plan';
export * from './validation';
export * from './log';
export * from './scenarios';
