/**
 * The writers the export job uses (job.ts): the XLSX workbook (xlsx.ts) and the CSV files
 * (src-shared/export/csv.ts), each from the engine's results for the chosen scenario.
 */
import { createEngine, resolveScenario } from '../../src-shared/engine';
import { BOM, linesCsv, monthlyCsv } from '../../src-shared/export/csv';
import type { ExportWriters } from './job';
import { writeWorkbook } from './xlsx';

export const exportWriters: ExportWriters = {
  xlsx: (model, options, hooks) => writeWorkbook(model, options, hooks),
  csv(model, request, scenarioId) {
    let resolved = model;
    if (scenarioId !== null) {
      const s = model.scenarios.find((x) => x.id === scenarioId);
      if (s) resolved = resolveScenario(model, s.overlay).model;
    }
    const result = createEngine().compute(resolved);
    const options = {
      locale: request.language,
      separator: request.csvSeparator,
      // A comma between cells needs a point in numbers; otherwise the language's.
      decimal:
        request.csvSeparator === ',' ? ('.' as const) : request.language === 'fr' ? (',' as const) : ('.' as const),
      bom: true,
    };
    const text =
      request.csvContent === 'monthly' ? monthlyCsv(resolved, result, options) : linesCsv(resolved, result, options);
    return Buffer.from(text.startsWith(BOM) ? text : BOM + text, 'utf8');
  },
};
