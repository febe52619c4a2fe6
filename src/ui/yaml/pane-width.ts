/** The YAML pane's width when the page opens (also the width its place has before it loads, App.tsx). */
export const PANE_WIDTH = 420;
