/** `1 step`, `3 steps`: how the clipboard's notices count. */
export const stepCount = (n: number): string => (n === 1 ? '1 step' : `${n} steps`);
