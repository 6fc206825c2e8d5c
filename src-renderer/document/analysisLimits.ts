/** The bounds of an analysis request, checked beside the fields (the screens) and again by the worker. */

/** Draws of a Monte-Carlo run: 1 to a million. */
export const MAX_DRAWS = 1_000_000;
/** A seed is any unsigned 32-bit integer (mulberry32's state). */
export const MAX_SEED = 4_294_967_295;
/** Bars of a histogram of the draws (fewer when the draws span fewer minor units). */
export const DEFAULT_BINS = 20;
