/** The longest an account's owner is asked to wait, however many guesses others made. */
const MAX_ACCOUNT_DELAY_MS = 60_000;

/**
 * Failed sign-ins, counted per address and per account in a sliding window. In memory: each
 * instance counts its own, which bounds guessing at `limit × instances` per window.
 *
 * - An address that failed `limit` times in the window waits until its oldest failure leaves
 *   it. Signing in successfully does not clear an address's count: otherwise one address could
 *   guess at many accounts, signing in to its own between guesses.
 * - An account is slowed down, never locked out: after `limit` failures from anywhere, each
 *   attempt must wait a delay that doubles with every further failure (1 s, 2 s, 4 s ... at most
 *   a minute) after the latest one. Guessing from many addresses stays slow, and the owner's
 *   right password still gets in after that short wait. A success clears the account's count,
 *   and so can an admin.
 */
export class LoginLimiter {
  private readonly addresses = new Map<string, number[]>();
  private readonly accounts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait before this address may try this account, or 0 when it may try now. */
  retryAfter(address: string, account: string, nowMs: number): number {
    let waitMs = 0;
    const byAddress = this.recent(this.addresses, address, nowMs);
    if (byAddress.length >= this.limit) {
      waitMs = (byAddress[0] ?? nowMs) + this.windowMs - nowMs;
    }
    const byAccount = this.recent(this.accounts, account, nowMs);
    if (byAccount.length >= this.limit) {
      const delay = Math.min(MAX_ACCOUNT_DELAY_MS, 1000 * 2 ** (byAccount.length - this.limit));
      waitMs = Math.max(waitMs, (byAccount.at(-1) ?? nowMs) + delay - nowMs);
    }
    return waitMs <= 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
  }

  fail(address: string, account: string, nowMs: number): void {
    this.record(this.addresses, address, nowMs);
    this.record(this.accounts, account, nowMs);
  }

  /** The account's owner proved who they are: its count starts again (the address's does not). */
  succeed(account: string): void {
    this.accounts.delete(account);
  }

  /** An admin clears an account's failures, so its owner waits no more; true if it had any. */
  clearAccount(account: string): boolean {
    return this.accounts.delete(account);
  }

  private record(failures: Map<string, number[]>, key: string, nowMs: number): void {
    const recent = this.recent(failures, key, nowMs);
    recent.push(nowMs);
    failures.set(key, recent);
    if (failures.size > 100_000) this.prune(failures, nowMs);
  }

  private recent(failures: Map<string, number[]>, key: string, nowMs: number): number[] {
    return (failures.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }

  private prune(failures: Map<string, number[]>, nowMs: number): void {
    for (const [key, times] of failures) {
      if (times.every((t) => t <= nowMs - this.windowMs)) failures.delete(key);
    }
  }
}
