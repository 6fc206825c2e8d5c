export * from './result';
export * from './compute';
export * from './drivers';
export * from './resolve';
export * from './synergies';
export * from './outcomes';
export * from './sensitivity';
export * from './compare';
