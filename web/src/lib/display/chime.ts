/**
 * A short two-tone chime for a new FAULT, made with Web Audio (no sound file to load or
 * cache). Browsers block audio until a person has interacted with the page unless the kiosk
 * browser allows autoplay (`--autoplay-policy=no-user-gesture-required`); a blocked chime is
 * silent, never an error on screen.
 */
const QUIET_MS = 3_000;

export function createChime(): { play(): void; dispose(): void } {
  let context: AudioContext | null = null;
  let lastPlayed = 0;
  return {
    play() {
      // Several faults caught up at once after a reconnect: one chime, not a cascade.
      if (Date.now() - lastPlayed < QUIET_MS) return;
      lastPlayed = Date.now();
      try {
        context ??= new AudioContext();
        if (context.state === 'suspended') void context.resume().catch(() => {});
        const start = context.currentTime;
        for (const [i, frequency] of [880, 660].entries()) {
          const osc = context.createOscillator();
          const gain = context.createGain();
          osc.frequency.value = frequency;
          gain.gain.setValueAtTime(0.0001, start + i * 0.35);
          gain.gain.exponentialRampToValueAtTime(0.4, start + i * 0.35 + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.35 + 0.3);
          osc.connect(gain).connect(context.destination);
          osc.start(start + i * 0.35);
          osc.stop(start + i * 0.35 + 0.32);
        }
      } catch {
        // No audio on this device.
      }
    },
    dispose() {
      void context?.close().catch(() => {});
      context = null;
    },
  };
}
