/**
 * The seam scenarios need (DESIGN §6, issue 10): a scenario stores only its differences from the
 * baseline, as an overlay, and one pure function turns baseline + overlay into the model that
 * compute() takes, so the engine, the screens, the CLI and the exports cannot disagree.
 *
 * The overlay has no overrides yet (scenarios arrive with their issue); what is fixed now is the
 * contract: resolve is pure, gives back the baseline itself for an empty overlay, and keeps every
 * part of the baseline an overlay does not touch (the same objects), so that an engine computing a
 * baseline and its scenarios in turn reuses the lines they share.
 */
import type { Model } from '../model';

/** A scenario's differences from the baseline. */
export interface Overlay {
  /** Overrides, in the order they apply (none can be written yet). */
  readonly overrides: readonly never[];
}

export const EMPTY_OVERLAY: Overlay = Object.freeze({ overrides: Object.freeze([]) });

/** The model a scenario computes: `baseline` with `overlay` applied. */
export function resolve(baseline: Model, overlay: Overlay): Model {
  // Each override will give a new model from the one before it, keeping what it does not touch.
  return overlay.overrides.reduce<Model>((model) => model, baseline);
}
