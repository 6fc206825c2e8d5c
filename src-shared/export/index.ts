export * from './layouts';
export * from './labels';
export * from './request';
export * from './workbook';
