/** The live connection as a person should see it: live, connecting, or offline since when. */
export type LinkState = 'connecting' | 'online' | 'offline';

export class Connection {
  state = $state<LinkState>('connecting');
  /** Device time (ms) when the connection was lost; null while online. */
  offlineSince = $state<number | null>(null);

  connected(): void {
    this.state = 'online';
    this.offlineSince = null;
  }

  lost(): void {
    if (this.state === 'online' || this.offlineSince === null) this.offlineSince = Date.now();
    this.state = 'offline';
  }
}

export const connection = new Connection();
