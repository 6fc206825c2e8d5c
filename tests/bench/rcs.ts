/** The file side of the benchmark: write a model as a .rcs file, and open + compute one as the app does. */
import { DocumentService, writeModelToFile } from '../../src-main/documents';
import { compute } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';

export function writeModel(path: string, model: Model): void {
  writeModelToFile(path, model, { overwrite: true });
}

/** Opens the file read-only through the DocumentService and closes it; returns the number of lines. */
export function openOnly(path: string): number {
  const service = new DocumentService();
  try {
    return service.open(path, { readOnly: true }).model.lines.length;
  } finally {
    service.close();
  }
}

/** Opens the file read-only through the DocumentService, computes it, closes it; returns the grand total. */
export function openAndCompute(path: string): number {
  const service = new DocumentService();
  try {
    const snapshot = service.open(path, { readOnly: true });
    return compute(snapshot.model).totals.total;
  } finally {
    service.close();
  }
}
