/** What the Compare screen has picked and where its bridge goes: kept while the person visits other screens. */
import { create } from 'zustand';

interface CompareUi {
  /** The baseline ('') and scenario ids picked, the reference first (null: nothing yet, the default applies). */
  picked: string[] | null;
  /** The scenario the bridge goes to (null: the second picked). */
  bridgeTo: string | null;
  setPicked(picked: string[]): void;
  setBridgeTo(id: string): void;
}

export const useCompareUi = create<CompareUi>()((set) => ({
  picked: null,
  bridgeTo: null,
  setPicked: (picked) => set({ picked }),
  setBridgeTo: (bridgeTo) => set({ bridgeTo }),
}));
