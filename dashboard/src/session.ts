/** Who is signed in (from GET /api/me) and what the dashboard offers them. */
import { can, type Action, type Me } from './lib/permissions';

export class Session {
  private current: Me | null = null;

  get me(): Me | null {
    return this.current;
  }

  set(me: Me | null): void {
    this.current = me;
  }

  /** Whether to offer an action; the server still decides (403). */
  can(action: Action): boolean {
    return can(this.current?.role, action);
  }
}
