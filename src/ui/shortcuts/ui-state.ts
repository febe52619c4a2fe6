/**
 * View state of the keyboard tools: whether the cheat sheet is open, and requests to focus the
 * find box. Not in the designer's store: none of it is the pipeline, none of it is undone.
 */
import { create } from 'zustand';

interface KeyboardUi {
  sheetOpen: boolean;
  /** Changes on every request, so asking twice focuses the find box twice. */
  findRequest: number;
  openSheet: (open: boolean) => void;
  requestFind: () => void;
}

export const useKeyboardUi = create<KeyboardUi>()((set, get) => ({
  sheetOpen: false,
  findRequest: 0,
  openSheet: (sheetOpen) => set({ sheetOpen }),
  requestFind: () => set({ findRequest: get().findRequest + 1 }),
}));
