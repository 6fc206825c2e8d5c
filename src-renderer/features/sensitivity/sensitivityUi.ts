/**
 * The Sensitivity & uncertainty screen's settings, kept while the person visits other screens:
 * the tornado's ± x % and the Monte-Carlo run's draws and seed (the last values that passed their
 * checks), and what is typed in those fields meanwhile.
 */
import { create } from 'zustand';

export const DEFAULT_MOVE = '20';
export const DEFAULT_DRAWS = 1000;
export const DEFAULT_SEED = 1;

interface SensitivityUi {
  /** ± this many percent (an exact decimal string). */
  move: string;
  draws: number;
  seed: number;
  setMove(move: string): void;
  setRun(draws: number, seed: number): void;
}

export const useSensitivityUi = create<SensitivityUi>()((set) => ({
  move: DEFAULT_MOVE,
  draws: DEFAULT_DRAWS,
  seed: DEFAULT_SEED,
  setMove: (move) => set({ move }),
  setRun: (draws, seed) => set({ draws, seed }),
}));
