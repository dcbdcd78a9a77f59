/**
 * Runs `work` once the browser has painted the current frame: a task queued from an animation-frame
 * callback runs after that frame is produced. Used for work the first screen must not wait for,
 * such as fetching the code of cards a later state shows.
 */
export function afterNextPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
