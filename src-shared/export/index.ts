export * from './layouts';
export * from './labels';
export * from './workbook';
