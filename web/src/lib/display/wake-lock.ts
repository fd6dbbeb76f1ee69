/**
 * Keeps the screen on while the display is shown, where the browser allows it (a secure
 * context: HTTPS or localhost). The browser drops the lock when the page is hidden, so it is
 * asked for again when the page is visible again. Returns the function that lets it go.
 */
export function keepAwake(): () => void {
  if (!('wakeLock' in navigator)) return () => {};
  let sentinel: WakeLockSentinel | null = null;
  let stopped = false;
  const request = async () => {
    if (stopped || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) {
      return;
    }
    try {
      sentinel = await navigator.wakeLock.request('screen');
    } catch {
      // Refused (battery saver, not allowed): the TV's own settings must keep it on.
    }
  };
  const onVisible = () => void request();
  document.addEventListener('visibilitychange', onVisible);
  void request();
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', onVisible);
    void sentinel?.release().catch(() => {});
  };
}
