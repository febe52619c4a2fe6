/** Moves the keyboard focus to a step's node on the canvas, once it is drawn (a group may first have to expand). */
export function focusStepNode(path: string, framesLeft = 10) {
  requestAnimationFrame(() => {
    const node = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(path)}"]`);
    if (node) node.focus({ preventScroll: true });
    else if (framesLeft > 0) focusStepNode(path, framesLeft - 1);
  });
}
