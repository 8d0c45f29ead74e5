// One shared one-second tick for every element that shows a running time, so all the
// timers on the board move together and only one interval runs.

const listeners = new Set();
let timer = null;

export function onTick(listener) {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = null;
    }
  };
}
