import type { StoreOps } from '../storage/store.js';

/** The most an account's owner is asked to wait, however many guesses others made. */
const MAX_ACCOUNT_DELAY_MS = 60_000;

/**
 * Failed sign-ins, counted per address and per account in a sliding window, in the database:
 * every instance sharing it counts the same failures, so running more instances does not allow
 * more guesses.
 *
 * - An address that failed `limit` times in the window waits until its oldest failure leaves
 *   it. Signing in successfully does not clear an address's count: otherwise one address could
 *   guess at many accounts, signing in to its own between guesses.
 * - An account is slowed down, never locked out: after `limit` failures from anywhere, each
 *   attempt must wait a delay that doubles with every further failure (1 s, 2 s, 4 s ... at most
 *   a minute) after the latest one. Guessing from many addresses stays slow, and the owner's
 *   right password still gets in after that short wait. A success clears the account's count,
 *   and so can an admin.
 *
 * A successful sign-in costs one indexed read, and a delete only when the account had failures.
 */
export class LoginLimiter {
  constructor(
    private readonly store: Pick<
      StoreOps,
      'getSignInFailures' | 'recordSignInFailure' | 'clearSignInFailures'
    >,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /**
   * Seconds to wait before this address may try this account, or 0 when it may try now; and
   * whether the account has failures a success should clear.
   */
  async check(
    address: string,
    account: string,
    nowMs: number,
  ): Promise<{ retryAfter: number; accountFailures: number }> {
    const since = new Date(nowMs - this.windowMs).toISOString();
    const failures = await this.store.getSignInFailures(address, account, since);
    let waitMs = 0;
    if (failures.address.count >= this.limit && failures.address.first !== null) {
      waitMs = Date.parse(failures.address.first) + this.windowMs - nowMs;
    }
    if (failures.account.count >= this.limit && failures.account.last !== null) {
      const doublings = failures.account.count - this.limit;
      const delay = Math.min(MAX_ACCOUNT_DELAY_MS, 1000 * 2 ** Math.min(doublings, 16));
      waitMs = Math.max(waitMs, Date.parse(failures.account.last) + delay - nowMs);
    }
    return {
      retryAfter: waitMs <= 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000)),
      accountFailures: failures.account.count,
    };
  }

  fail(address: string, account: string, nowMs: number): Promise<void> {
    const forgetBefore = new Date(nowMs - this.windowMs).toISOString();
    return this.store.recordSignInFailure(
      address,
      account,
      new Date(nowMs).toISOString(),
      forgetBefore,
    );
  }

  /** The account's owner proved who they are: its count starts again (the address's does not). */
  async succeed(account: string): Promise<void> {
    await this.store.clearSignInFailures(account);
  }

  /** An admin clears an account's failures, so its owner waits no more; true if it had any. */
  async clearAccount(
    account: string,
    store: Pick<StoreOps, 'clearSignInFailures'> = this.store,
  ): Promise<boolean> {
    return (await store.clearSignInFailures(account)) > 0;
  }
}
