import type { ConversationMessage } from '../conversation/types.js';
import { analyzeMessage, type MessageAnalysis } from '../message/analyze-message.js';
import { readStatedAmount } from './read-amounts.js';
import {
  PROBLEM_CATALOGUE,
  PROBLEM_KINDS,
  type CataloguedGoodwillProblem,
} from '../problems/problem-catalogue.js';
import {
  EXPERIENCE_KINDS,
  SIGNAL_CATALOGUE,
  type ProblemKind,
  type SignalKind,
  type ThreatKind,
} from '../signals/signal-catalogue.js';

/**
 * The kinds of goodwill a team can offer to put things right.
 *
 * @example
 * const kind: GoodwillKind = 'free_month';
 */
export type GoodwillKind =
  | 'percent_discount'
  | 'credit'
  | 'free_month'
  | 'free_shipping'
  | 'return_window_exception'
  | 'replacement';

/**
 * What an offer's value counts: a percentage off, an amount of the policy's currency, months,
 * days added to the return window, items replaced, or orders shipped free.
 *
 * @example
 * const unit: GoodwillUnit = 'percent'; // "15% off the next order"
 */
export type GoodwillUnit = 'percent' | 'currency' | 'months' | 'days' | 'items' | 'orders';

/**
 * Who is making the offer. Agents and supervisors have limits; an admin has the catalogue's
 * `admin` limit where one is set and none otherwise.
 *
 * @example
 * const role: GoodwillRole = 'agent';
 */
export type GoodwillRole = 'agent' | 'supervisor' | 'admin';

/**
 * Who caused the problem, as the agent judges it.
 *
 * @example
 * const fault: GoodwillFault = 'company'; // our carrier lost the parcel
 */
export type GoodwillFault = 'company' | 'customer' | 'shared' | 'unknown';

/**
 * What went wrong, which decides the kind of offer that fits.
 *
 * @example
 * const problem: GoodwillProblem = 'late_delivery'; // → free shipping or a credit
 */
export type GoodwillProblem = CataloguedGoodwillProblem | 'none';

/**
 * The most a role may offer on its own, in the offer's unit (or in currency for `valueLimits`).
 *
 * @example
 * const limits: GoodwillRoleLimits = { agent: 15, supervisor: 30 }; // percent off
 */
export interface GoodwillRoleLimits {
  agent: number;
  supervisor: number;
  /** An admin's limit; without one an admin may offer anything the catalogue holds. */
  admin?: number;
}

/**
 * One offer the team allows, with its limits per role.
 *
 * @example
 * const rule: GoodwillOfferRule = {
 *   kind: 'replacement', unit: 'items',
 *   limits: { agent: 1, supervisor: 3 },
 *   valueLimits: { agent: 50, supervisor: 200 }, // items worth up to 50 for an agent
 * };
 */
export interface GoodwillOfferRule {
  kind: GoodwillKind;
  /** Must be the kind's unit (see `GOODWILL_UNITS`); stated so the policy reads on its own. */
  unit: GoodwillUnit;
  limits: GoodwillRoleLimits;
  /** An optional cap on the offer's estimated worth in currency, per role. */
  valueLimits?: GoodwillRoleLimits;
}

/**
 * Typical amounts used to estimate an offer's worth in currency when the conversation and the
 * caller do not say.
 *
 * @example
 * const reference: GoodwillReference = {
 *   orderValue: 60, monthlyPrice: 15, shippingCost: 6, itemValue: 40,
 *   returnExceptionCost: 10, highLifetimeValue: 1000,
 * };
 */
export interface GoodwillReference {
  /** A typical next order, for what a percentage off is worth. */
  orderValue: number;
  /** A typical month of subscription, for what a free month is worth. */
  monthlyPrice: number;
  /** What shipping one order costs the business. */
  shippingCost: number;
  /** A typical item, for what a replacement is worth. */
  itemValue: number;
  /** What accepting one late return costs the business, whatever the days. */
  returnExceptionCost: number;
  /** The lifetime value from which a customer counts as high value (allowing the most). */
  highLifetimeValue: number;
}

/**
 * The goodwill a team allows: its catalogue of offers with limits per role, and the month's
 * budget. Validate it once where it is loaded with `validateGoodwillPolicy`.
 *
 * @example
 * const policy: GoodwillPolicy = { ...DEFAULT_GOODWILL_POLICY, spentThisMonth: 1250 };
 */
export interface GoodwillPolicy {
  /** ISO 4217 code of every currency amount in the policy, e.g. "EUR". */
  currency: string;
  offers: GoodwillOfferRule[];
  /** The team's goodwill budget for the month, in currency. */
  monthlyBudget: number;
  /** What has been given this month already, in currency. */
  spentThisMonth: number;
  reference: GoodwillReference;
}

/**
 * The unit each kind is counted in.
 *
 * @example
 * GOODWILL_UNITS.free_shipping; // "orders"
 */
export const GOODWILL_UNITS: Readonly<Record<GoodwillKind, GoodwillUnit>> = {
  percent_discount: 'percent',
  credit: 'currency',
  free_month: 'months',
  free_shipping: 'orders',
  return_window_exception: 'days',
  replacement: 'items',
};

/**
 * A sensible starting policy: agents settle ordinary cases alone, supervisors the serious ones.
 *
 * @example
 * DEFAULT_GOODWILL_POLICY.offers.find((o) => o.kind === 'percent_discount')?.limits;
 * // { agent: 15, supervisor: 30 }
 */
export const DEFAULT_GOODWILL_POLICY: GoodwillPolicy = {
  currency: 'USD',
  offers: [
    { kind: 'percent_discount', unit: 'percent', limits: { agent: 15, supervisor: 30 } },
    { kind: 'credit', unit: 'currency', limits: { agent: 20, supervisor: 100 } },
    { kind: 'free_month', unit: 'months', limits: { agent: 1, supervisor: 3 } },
    { kind: 'free_shipping', unit: 'orders', limits: { agent: 1, supervisor: 3 } },
    { kind: 'return_window_exception', unit: 'days', limits: { agent: 14, supervisor: 30 } },
    {
      kind: 'replacement',
      unit: 'items',
      limits: { agent: 1, supervisor: 3 },
      valueLimits: { agent: 50, supervisor: 200 },
    },
  ],
  monthlyBudget: 2000,
  spentThisMonth: 0,
  reference: {
    orderValue: 60,
    monthlyPrice: 15,
    shippingCost: 6,
    itemValue: 40,
    returnExceptionCost: 10,
    highLifetimeValue: 1000,
  },
};

/**
 * One thing wrong with a policy: where (a dotted path) and what.
 *
 * @example
 * const e: GoodwillPolicyError = {
 *   path: 'offers[0].limits.agent',
 *   message: 'agent limit 40 is above the supervisor limit 30',
 * };
 */
export interface GoodwillPolicyError {
  path: string;
  message: string;
}

/**
 * The outcome of checking a policy: the policy, typed, or every error found.
 *
 * @example
 * const r: GoodwillPolicyValidation = validateGoodwillPolicy(JSON.parse(text));
 * if (!r.ok) r.errors.forEach((e) => show(`${e.path}: ${e.message}`));
 */
export type GoodwillPolicyValidation =
  { ok: true; policy: GoodwillPolicy; errors: [] } | { ok: false; errors: GoodwillPolicyError[] };

const KINDS = Object.keys(GOODWILL_UNITS) as GoodwillKind[];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isAmount(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}

function checkLimits(
  x: unknown,
  path: string,
  errors: GoodwillPolicyError[],
  required: boolean,
): void {
  if (x === undefined && !required) return;
  if (!isRecord(x)) {
    errors.push({ path, message: 'must be an object with agent and supervisor limits' });
    return;
  }
  for (const role of ['agent', 'supervisor', 'admin'] as const) {
    const v = x[role];
    if (v === undefined && role === 'admin') continue;
    if (!isAmount(v)) {
      errors.push({ path: `${path}.${role}`, message: `must be a number of 0 or more` });
    }
  }
  const { agent, supervisor, admin } = x;
  if (isAmount(agent) && isAmount(supervisor) && agent > supervisor) {
    errors.push({
      path: `${path}.agent`,
      message: `agent limit ${agent} is above the supervisor limit ${supervisor}`,
    });
  }
  if (isAmount(admin) && isAmount(supervisor) && admin < supervisor) {
    errors.push({
      path: `${path}.admin`,
      message: `admin limit ${admin} is below the supervisor limit ${supervisor}`,
    });
  }
}

/**
 * Checks a policy read from configuration: unknown kinds or units, negative or missing limits,
 * an agent allowed more than a supervisor, repeated kinds, a nonsensical budget. Returns every
 * error rather than throwing, so a settings screen can show them all at once.
 *
 * @example
 * validateGoodwillPolicy(DEFAULT_GOODWILL_POLICY).ok; // true
 * validateGoodwillPolicy({ ...DEFAULT_GOODWILL_POLICY, monthlyBudget: -5 }).errors;
 * // [{ path: 'monthlyBudget', message: 'must be a number of 0 or more' }]
 */
export function validateGoodwillPolicy(policy: unknown): GoodwillPolicyValidation {
  const errors: GoodwillPolicyError[] = [];
  if (!isRecord(policy)) {
    return { ok: false, errors: [{ path: '', message: 'a policy must be an object' }] };
  }
  if (typeof policy.currency !== 'string' || !/^[A-Z]{3}$/.test(policy.currency)) {
    errors.push({ path: 'currency', message: 'must be a 3-letter ISO 4217 code such as "EUR"' });
  }
  for (const key of ['monthlyBudget', 'spentThisMonth'] as const) {
    if (!isAmount(policy[key]))
      errors.push({ path: key, message: 'must be a number of 0 or more' });
  }
  if (!isRecord(policy.reference)) {
    errors.push({ path: 'reference', message: 'must be an object of typical amounts' });
  } else {
    const ref = policy.reference;
    for (const key of Object.keys(DEFAULT_GOODWILL_POLICY.reference)) {
      if (!isAmount(ref[key])) {
        errors.push({ path: `reference.${key}`, message: 'must be a number of 0 or more' });
      }
    }
  }
  if (!Array.isArray(policy.offers)) {
    errors.push({ path: 'offers', message: 'must be a list of offers' });
  } else {
    const seen = new Set<string>();
    policy.offers.forEach((offer: unknown, i) => {
      const path = `offers[${i}]`;
      if (!isRecord(offer)) {
        errors.push({ path, message: 'must be an object' });
        return;
      }
      const kind = offer.kind;
      if (typeof kind !== 'string' || !(KINDS as string[]).includes(kind)) {
        errors.push({
          path: `${path}.kind`,
          message: `unknown kind ${JSON.stringify(kind)}; expected one of ${KINDS.join(', ')}`,
        });
      } else {
        if (seen.has(kind)) errors.push({ path: `${path}.kind`, message: `${kind} appears twice` });
        seen.add(kind);
        const unit = GOODWILL_UNITS[kind as GoodwillKind];
        if (offer.unit !== unit) {
          errors.push({
            path: `${path}.unit`,
            message: `${kind} is counted in ${unit}, not ${JSON.stringify(offer.unit)}`,
          });
        }
      }
      checkLimits(offer.limits, `${path}.limits`, errors, true);
      checkLimits(offer.valueLimits, `${path}.valueLimits`, errors, false);
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, policy: policy as unknown as GoodwillPolicy, errors: [] };
}

/**
 * What a customer is worth to the business, which lets a larger offer make sense.
 *
 * @example
 * const customer: GoodwillCustomer = { lifetimeValue: 2400, monthlySpend: 40, tenureMonths: 60 };
 */
export interface GoodwillCustomer {
  /** All the customer has spent, in the policy's currency. */
  lifetimeValue: number;
  /** A subscription's monthly price; its presence marks a subscriber. */
  monthlySpend?: number;
  tenureMonths?: number;
  /** Goodwill already given this year, in currency. */
  previousGoodwillThisYear?: number;
  /** The customer's plan, e.g. "pro"; its presence marks a subscriber. */
  plan?: string;
}

/**
 * How to size a suggestion: who offers, who is at fault, and the facts the agent knows.
 *
 * @example
 * const options: SuggestGoodwillOptions = { role: 'agent', fault: 'company', overcharge: 18.5 };
 */
export interface SuggestGoodwillOptions {
  role: GoodwillRole;
  /** Defaults to "unknown", sized between shared and full fault. */
  fault?: GoodwillFault;
  /** What went wrong, when the agent knows better than the messages say. */
  problem?: GoodwillProblem;
  /**
   * For a billing error: the amount charged wrongly; the credit then makes it good exactly.
   * Without it, the amount the conversation states (see `readStatedAmount`) is used.
   */
  overcharge?: number;
  /**
   * The ISO 4217 currency a credit is given in, when not the policy's: the one the customer
   * paid in. Without it, the currency of the amount the conversation states, else the policy's.
   */
  currency?: string;
  /** For a replacement or a late return: the item's price. */
  itemValue?: number;
  /** For a replacement: how many items to replace (default 1). */
  items?: number;
  /** For a late return: how many days past the window the customer is. */
  daysPastWindow?: number;
  /** What the next order is likely worth, for a percentage off. */
  orderValue?: number;
}

/**
 * One concrete offer.
 *
 * @example
 * const offer: GoodwillOffer = {
 *   kind: 'percent_discount', value: 15, unit: 'percent',
 *   label: '15% off the next order', currencyValue: 9,
 * };
 */
export interface GoodwillOffer {
  kind: GoodwillKind;
  /** How much, in `unit`. */
  value: number;
  unit: GoodwillUnit;
  /** A line to show the agent, e.g. "15% off the next order". */
  label: string;
  /** What it is estimated to cost the business, in the policy's currency. */
  currencyValue: number;
  /** For a credit in another currency than the policy's (the customer's): its ISO 4217 code. */
  currency?: string;
}

/**
 * The smallest offer likely to settle a conversation, and whether the role may make it alone.
 *
 * @example
 * const s: GoodwillSuggestion = suggestGoodwill(messages, customer, policy, { role: 'agent' });
 * if (s.needsApproval) ask(s.approver, s.offer, s.withinLimit);
 */
export interface GoodwillSuggestion {
  /** The suggested offer, or null when none is warranted or none fits the catalogue. */
  offer: GoodwillOffer | null;
  /** True when the offer is above the role's limit or the month's remaining budget. */
  needsApproval: boolean;
  /** Who must approve: a supervisor above an agent's limit, an admin above the budget. */
  approver: 'supervisor' | 'admin' | null;
  /** When approval is needed: the best offer the role can make alone now, if any. */
  withinLimit: GoodwillOffer | null;
  /** Short lines a person can read: why this offer, this size, this approval. */
  reasons: string[];
  /** How serious the conversation is, 0 to 1. */
  severity: number;
  /** The offer's estimated cost in currency (0 without an offer). */
  value: number;
  /** The problem the offer answers. */
  problem: GoodwillProblem;
  /** The month's budget left before this offer, in currency. */
  budgetRemaining: number;
}

// --- Severity -------------------------------------------------------------------------------

/** How much each threat adds to severity: a lost customer or a legal or money dispute most. */
const THREAT_WEIGHT: Record<ThreatKind, number> = {
  cancel: 0.15,
  chargeback: 0.15,
  legal: 0.2,
  regulator: 0.15,
  social: 0.1,
  review: 0.1,
  competitor: 0.1,
};
const THREAT_CAP = 0.3;

/** What the customer has been through, which an offer must also answer, in the order named. */
const EXPERIENCE_WEIGHT: ReadonlyMap<SignalKind, number> = new Map(
  EXPERIENCE_KINDS.map((kind) => [kind, SIGNAL_CATALOGUE[kind].experience?.goodwill.weight ?? 0]),
);
const EXPERIENCE_CAP = 0.25;

const THREAT_WORDS: Record<ThreatKind, string> = {
  cancel: 'threatens to cancel',
  chargeback: 'threatens a chargeback',
  legal: 'threatens legal action',
  regulator: 'threatens to go to a regulator',
  social: 'threatens to go public on social media',
  review: 'threatens a bad review',
  competitor: 'threatens to go to a competitor',
};

interface ConversationReading {
  customerMessages: number;
  peak: number;
  peakLevel: string;
  last: number;
  threats: ThreatKind[];
  kinds: Set<SignalKind>;
  /** The evidence text of every problem signal, by kind, to tell a product from a service. */
  evidence: Map<SignalKind, string[]>;
}

function readConversation(conversation: readonly ConversationMessage[]): ConversationReading {
  const reading: ConversationReading = {
    customerMessages: 0,
    peak: 0,
    peakLevel: 'calm',
    last: 0,
    threats: [],
    kinds: new Set(),
    evidence: new Map(),
  };
  for (const message of conversation) {
    if (message.role !== 'customer') continue;
    const a: MessageAnalysis = analyzeMessage(message.text);
    reading.customerMessages++;
    if (a.temperature > reading.peak || reading.customerMessages === 1) {
      reading.peak = a.temperature;
      reading.peakLevel = a.level;
    }
    reading.last = a.temperature;
    for (const t of a.threats) if (!reading.threats.includes(t)) reading.threats.push(t);
    for (const s of a.signals) {
      reading.kinds.add(s.kind);
      const list = reading.evidence.get(s.kind) ?? [];
      list.push(s.text.toLowerCase());
      reading.evidence.set(s.kind, list);
    }
  }
  return reading;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * Severity 0-1: the peak temperature (the worst moment counts most) and the latest one, plus
 * threats and what the customer has been through, each capped so no one sign dominates.
 */
function severityOf(r: ConversationReading): { severity: number; reason: string } {
  let threat = 0;
  for (const t of r.threats) threat += THREAT_WEIGHT[t];
  let experience = 0;
  const went: string[] = [];
  for (const [kind, w] of EXPERIENCE_WEIGHT) {
    if (!r.kinds.has(kind)) continue;
    experience += w;
    const words = SIGNAL_CATALOGUE[kind].experience?.goodwill.words;
    if (words !== undefined) went.push(words);
  }
  const severity = round2(
    clamp01(
      0.45 * (r.peak / 100) +
        0.15 * (r.last / 100) +
        Math.min(THREAT_CAP, threat) +
        Math.min(EXPERIENCE_CAP, experience),
    ),
  );
  const parts = [`peak temperature ${r.peak} (${r.peakLevel})`];
  for (const t of r.threats) parts.push(THREAT_WORDS[t]);
  parts.push(...went);
  return { severity, reason: `Severity ${severity.toFixed(2)}: ${parts.join('; ')}.` };
}

// --- Problem and fit ------------------------------------------------------------------------

function isSubscriber(c: GoodwillCustomer): boolean {
  return (c.monthlySpend !== undefined && c.monthlySpend > 0) || c.plan !== undefined;
}

/** The problems an offer must answer first, with their goodwill cases. */
const GOODWILL_PROBLEMS: readonly ProblemKind[] = PROBLEM_KINDS.filter(
  (kind) => PROBLEM_CATALOGUE[kind].goodwill !== undefined,
).sort(
  (a, b) => (PROBLEM_CATALOGUE[a].goodwill?.rank ?? 0) - (PROBLEM_CATALOGUE[b].goodwill?.rank ?? 0),
);

/** The problem behind the messages; when several show, the one an offer must answer first. */
function detectProblem(r: ConversationReading, customer: GoodwillCustomer): GoodwillProblem {
  const subscriber = isSubscriber(customer);
  for (const kind of GOODWILL_PROBLEMS) {
    const evidence = r.evidence.get(kind);
    if (evidence === undefined) continue;
    for (const c of PROBLEM_CATALOGUE[kind].goodwill?.cases ?? []) {
      if (c.applies === undefined || c.applies(evidence, subscriber)) {
        return c.problem as GoodwillProblem;
      }
    }
  }
  return 'none';
}

const PROBLEM_WORDS: Readonly<Record<GoodwillProblem, string>> = {
  ...(Object.fromEntries(
    PROBLEM_KINDS.flatMap((kind) =>
      (PROBLEM_CATALOGUE[kind].goodwill?.cases ?? []).map((c) => [c.problem, c.words]),
    ),
  ) as Record<CataloguedGoodwillProblem, string>),
  none: 'no specific failure → a discount on a future purchase (a free month for a subscriber)',
};

/** The kinds that fit a problem, best first; later ones stand in when the catalogue lacks one. */
function kindsFor(
  problem: GoodwillProblem,
  intensity: number,
  subscriber: boolean,
): GoodwillKind[] {
  switch (problem) {
    case 'late_delivery':
      // Free shipping answers a mild case; beyond it, a credit says more.
      return intensity < 0.35
        ? ['free_shipping', 'credit', 'percent_discount']
        : ['credit', 'free_shipping', 'percent_discount'];
    case 'faulty_product':
      return ['replacement', 'credit', 'percent_discount'];
    case 'billing_error':
      return ['credit', 'percent_discount'];
    case 'service_failure':
      return ['free_month', 'credit', 'percent_discount'];
    case 'return_outside_window':
      return ['return_window_exception', 'percent_discount'];
    case 'none':
      return subscriber && intensity >= 0.6
        ? ['free_month', 'percent_discount', 'credit']
        : ['percent_discount', 'credit'];
  }
}

// --- Sizing ---------------------------------------------------------------------------------

/** The smallest amount worth offering and the step amounts are rounded to, per unit. */
const MINIMUM: Record<GoodwillUnit, number> = {
  percent: 5,
  currency: 5,
  months: 1,
  orders: 1,
  days: 7,
  items: 1,
};

/**
 * The intensity at which an offer reaches the agent's limit: an agent's limit is meant for the
 * ordinary case, a supervisor's for the serious one, reached at intensity 1.
 */
const AGENT_SHARE = 0.6;

const FAULT_FACTOR: Record<GoodwillFault, number> = {
  company: 1,
  unknown: 0.75,
  shared: 0.5,
  customer: 0,
};

const FAULT_WORDS: Record<GoodwillFault, string> = {
  company: "Fault: the company's, so a full offer.",
  unknown: 'Fault: not established yet, so sized between shared and full.',
  shared: 'Fault: shared, so half an offer.',
  customer: "Fault: the customer's, so a goodwill gesture at most.",
};

interface Context {
  policy: GoodwillPolicy;
  customer: GoodwillCustomer;
  options: SuggestGoodwillOptions;
}

/** The limit a role has on its own, in the rule's unit; Infinity for an admin without one. */
function roleLimit(limits: GoodwillRoleLimits, role: GoodwillRole): number {
  const supervisor = Math.max(0, limits.supervisor);
  if (role === 'admin') return limits.admin ?? Infinity;
  // A policy that gives an agent more than a supervisor is read as the supervisor's limit.
  return role === 'supervisor' ? supervisor : Math.min(Math.max(0, limits.agent), supervisor);
}

/** What one unit costs, or null when the cost does not grow with the amount. */
function unitCost(kind: GoodwillKind, ctx: Context): number | null {
  const ref = ctx.policy.reference;
  switch (kind) {
    case 'percent_discount':
      return (ctx.options.orderValue ?? ctx.customer.monthlySpend ?? ref.orderValue) / 100;
    case 'credit':
      return 1;
    case 'free_month':
      return ctx.customer.monthlySpend ?? ref.monthlyPrice;
    case 'free_shipping':
      return ref.shippingCost;
    case 'replacement':
      return ctx.options.itemValue ?? ref.itemValue;
    case 'return_window_exception':
      return null;
  }
}

function costOf(kind: GoodwillKind, value: number, ctx: Context): number {
  const per = unitCost(kind, ctx);
  return round2(per === null ? ctx.policy.reference.returnExceptionCost : per * value);
}

/** The most of a kind a role may give alone: its unit limit, and its value limit if any. */
function capFor(rule: GoodwillOfferRule, role: GoodwillRole, ctx: Context): number {
  let cap = roleLimit(rule.limits, role);
  if (rule.valueLimits !== undefined) {
    const per = unitCost(rule.kind, ctx);
    const valueCap = roleLimit(rule.valueLimits, role);
    if (per !== null && per > 0) cap = Math.min(cap, Math.floor(valueCap / per + 1e-9));
    if (per === null && costOf(rule.kind, 0, ctx) > valueCap) cap = 0;
  }
  return cap;
}

interface Sized {
  kind: GoodwillKind;
  value: number;
  /** The least that still settles it (e.g. the days a late return needs); smaller is no use. */
  need: number;
}

/** Sizes a kind for an intensity, or says why it cannot be offered even by a supervisor. */
function sizeKind(
  rule: GoodwillOfferRule,
  intensity: number,
  ctx: Context,
): Sized | { skip: string } {
  const unit = GOODWILL_UNITS[rule.kind];
  const min = MINIMUM[unit];
  const top = capFor(rule, 'supervisor', ctx);
  const fixed = (value: number): Sized | { skip: string } =>
    value <= top
      ? { kind: rule.kind, value, need: value }
      : { skip: `${label(rule.kind, value, ctx)} is above even a supervisor's limit.` };

  if (rule.kind === 'replacement') return fixed(Math.max(1, Math.ceil(ctx.options.items ?? 1)));
  if (rule.kind === 'return_window_exception' && ctx.options.daysPastWindow !== undefined) {
    return fixed(Math.max(1, Math.ceil(ctx.options.daysPastWindow)));
  }
  if (
    rule.kind === 'credit' &&
    ctx.options.overcharge !== undefined &&
    ctx.options.overcharge > 0
  ) {
    // The overcharge is owed, not negotiated; above the supervisor's limit it goes back as a refund.
    const value = Math.min(round2(ctx.options.overcharge), top);
    if (value <= 0) return { skip: 'credit limits are zero.' };
    return { kind: rule.kind, value, need: Math.min(value, MINIMUM.currency) };
  }
  if (top < min) return { skip: `${rule.kind} limits are below the smallest useful amount.` };
  const agent = Math.min(Math.max(min, capFor(rule, 'agent', ctx)), top);
  const s = clamp01(intensity);
  const raw =
    s <= AGENT_SHARE
      ? min + (agent - min) * (s / AGENT_SHARE)
      : agent + (top - agent) * ((s - AGENT_SHARE) / (1 - AGENT_SHARE));
  const value = Math.min(top, Math.max(min, Math.round(raw / min) * min));
  return { kind: rule.kind, value, need: min };
}

/** The largest offer of a sized kind within a cap and a budget, or null if it would not settle. */
function fitWithin(sized: Sized, cap: number, budget: number, ctx: Context): Sized | null {
  let value = Math.min(sized.value, cap);
  const per = unitCost(sized.kind, ctx);
  if (per === null) {
    if (costOf(sized.kind, value, ctx) > budget) return null;
  } else if (per > 0 && per * value > budget + 1e-9) {
    value = budget / per;
  }
  value = GOODWILL_UNITS[sized.kind] === 'currency' ? Math.floor(value * 100) / 100 : value;
  if (GOODWILL_UNITS[sized.kind] !== 'currency') value = Math.floor(value + 1e-9);
  if (value < sized.need || value <= 0) return null;
  return { ...sized, value };
}

function money(amount: number, currency: string): string {
  const n = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
  return `${n} ${currency}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function label(kind: GoodwillKind, value: number, ctx: Context): string {
  switch (kind) {
    case 'percent_discount':
      return `${value}% off the next order`;
    case 'credit':
      return `${money(value, creditCurrency(ctx))} account credit`;
    case 'free_month':
      return value === 1 ? '1 free month' : `${value} free months`;
    case 'free_shipping':
      return value === 1
        ? 'free shipping on the next order'
        : `free shipping on the next ${value} orders`;
    case 'return_window_exception':
      return `return window extended by ${plural(value, 'day', 'days')}`;
    case 'replacement':
      return value === 1 ? 'a free replacement' : `${value} free replacement items`;
  }
}

/** The currency a credit is given in: the customer's when known, else the policy's. */
function creditCurrency(ctx: Context): string {
  return ctx.options.currency ?? ctx.policy.currency;
}

function toOffer(sized: Sized, ctx: Context): GoodwillOffer {
  const offer: GoodwillOffer = {
    kind: sized.kind,
    value: sized.value,
    unit: GOODWILL_UNITS[sized.kind],
    label: label(sized.kind, sized.value, ctx),
    currencyValue: costOf(sized.kind, sized.value, ctx),
  };
  if (sized.kind === 'credit' && creditCurrency(ctx) !== ctx.policy.currency) {
    offer.currency = creditCurrency(ctx);
  }
  return offer;
}

/** Customer value: 0.8 for a new, small customer up to 1.5 for a long-standing high-value one. */
function valueFactor(c: GoodwillCustomer, ref: GoodwillReference): number {
  const ltv = Math.max(0, c.lifetimeValue);
  const share = ref.highLifetimeValue > 0 ? Math.min(1, ltv / ref.highLifetimeValue) : 1;
  const tenure = (c.tenureMonths ?? 0) >= 24 ? 0.1 : 0;
  return Math.min(1.5, 0.8 + 0.6 * share + tenure);
}

/** Goodwill already given this year tempers the next: offers should not become a habit. */
function historyFactor(c: GoodwillCustomer): number {
  const previous = c.previousGoodwillThisYear ?? 0;
  if (previous <= 0) return 1;
  return previous >= 0.1 * Math.max(1, c.lifetimeValue) ? 0.6 : 0.85;
}

function customerReason(c: GoodwillCustomer, factor: number, currency: string): string {
  const tier = factor >= 1.3 ? 'high' : factor >= 0.95 ? 'average' : 'modest';
  const parts = [`lifetime value ${money(c.lifetimeValue, currency)}`];
  if (c.tenureMonths !== undefined) parts.push(plural(c.tenureMonths, 'month', 'months'));
  const allows =
    tier === 'high' ? 'allows a larger offer' : tier === 'modest' ? 'a smaller offer' : 'as usual';
  return `Customer value: ${tier} (${parts.join(', ')}): ${allows}.`;
}

const KIND_WORDS: Record<GoodwillKind, string> = {
  percent_discount: 'a discount',
  credit: 'a credit',
  free_month: 'a free month',
  free_shipping: 'free shipping',
  return_window_exception: 'a return-window exception',
  replacement: 'a replacement',
};

const ROLE_WORDS: Record<GoodwillRole, string> = {
  agent: "an agent's",
  supervisor: "a supervisor's",
  admin: "an admin's",
};

// --- Suggestion -----------------------------------------------------------------------------

/**
 * Suggests the smallest goodwill offer likely to settle a conversation, within the policy.
 *
 * Reads the customer's messages for severity (peak and latest temperature, threats, repeated
 * contact, broken promises) and the problem (late delivery, faulty product, billing error,
 * service failure, late return), picks the kind of offer that fits the problem, and sizes it by
 * severity × fault × customer value. The agent's limit is reached by an ordinary serious case,
 * the supervisor's only by the worst; the offer never exceeds the supervisor's limit. Above the
 * role's limit or the month's remaining budget, `needsApproval` is true and `withinLimit` holds
 * what the role can offer alone. Deterministic: the same input gives the same suggestion.
 *
 * @example
 * const s = suggestGoodwill(
 *   [{ role: 'customer', text: 'My parcel is a week late AGAIN!!', at: '2025-03-01T10:00:00Z' }],
 *   { lifetimeValue: 300 },
 *   DEFAULT_GOODWILL_POLICY,
 *   { role: 'agent', fault: 'company' },
 * );
 * s.offer?.label; // e.g. "10 USD account credit"
 * s.needsApproval; // false
 */
export function suggestGoodwill(
  conversation: ConversationMessage[],
  customer: GoodwillCustomer,
  policy: GoodwillPolicy,
  options: SuggestGoodwillOptions,
): GoodwillSuggestion {
  // The amount and currency the conversation states, unless the caller knows better: a credit
  // for a £119 double charge is 119 GBP, whatever the team's own currency.
  const stated = readStatedAmount(conversation, policy.currency);
  const overcharge = options.overcharge ?? (stated?.tiedToProblem ? stated.amount : undefined);
  const currency = options.currency ?? stated?.currency;
  const sized: SuggestGoodwillOptions = { ...options };
  if (currency !== undefined && currency !== policy.currency) sized.currency = currency;
  const ctx: Context = { policy, customer, options: sized };
  const fault = options.fault ?? 'unknown';
  const budgetRemaining = round2(Math.max(0, policy.monthlyBudget - policy.spentThisMonth));
  const reading = readConversation(conversation);
  const { severity, reason: severityReason } = severityOf(reading);
  // An amount written beside "charged twice", "overcharged" or "refund" is a billing error even
  // in words the message analysis does not know.
  const detected = detectProblem(reading, customer);
  const problem =
    options.problem ?? (detected === 'none' && stated?.wrongCharge ? 'billing_error' : detected);
  // Only a billing error's amount is owed back as it stands.
  if (problem === 'billing_error' && overcharge !== undefined) sized.overcharge = overcharge;
  const base = {
    needsApproval: false,
    approver: null,
    withinLimit: null,
    severity,
    value: 0,
    problem,
    budgetRemaining,
  } as const;
  const none = (reasons: string[]): GoodwillSuggestion => ({ ...base, offer: null, reasons });

  if (reading.customerMessages === 0) return none(['No customer messages to read.']);
  const reasons = [severityReason, FAULT_WORDS[fault]];
  const troubled =
    reading.threats.length > 0 || [...reading.kinds].some((k) => EXPERIENCE_WEIGHT.has(k));
  if (reading.peak < 25 && !troubled) {
    return none([
      ...reasons,
      'The customer is calm: putting the problem itself right should settle it.',
    ]);
  }
  if (problem === 'none' && !troubled && severity < 0.45) {
    return none([...reasons, 'Nothing went wrong that goodwill would put right.']);
  }

  const vFactor = valueFactor(customer, policy.reference);
  const hFactor = historyFactor(customer);
  reasons.push(customerReason(customer, vFactor, policy.currency));
  if (hFactor < 1) {
    reasons.push(
      `Already given ${money(customer.previousGoodwillThisYear ?? 0, policy.currency)} in goodwill this year, so a smaller offer.`,
    );
  }

  let kinds: GoodwillKind[];
  let intensity: number;
  if (fault === 'customer') {
    // Not our fault: a gesture only, and only when the customer is really upset.
    if (severity < 0.5) {
      return none([...reasons, "No offer: not the company's fault and not serious enough."]);
    }
    intensity = 0;
    kinds =
      problem === 'return_outside_window'
        ? ['return_window_exception', 'percent_discount', 'free_shipping']
        : ['percent_discount', 'free_shipping'];
    reasons.push('A small gesture only, to keep the relationship.');
  } else {
    intensity = severity * FAULT_FACTOR[fault] * vFactor * hFactor;
    kinds = kindsFor(problem, intensity, isSubscriber(customer));
    reasons.push(`Problem: ${PROBLEM_WORDS[problem]}.`);
    if (problem === 'billing_error' && sized.overcharge === undefined) {
      reasons.push('Overcharge not given: credit sized by severity until the amount is known.');
    } else if (problem === 'billing_error' && options.overcharge === undefined && stated !== null) {
      reasons.push(
        `Amount charged wrongly: ${stated.text}, as ${stated.statedByBoth ? 'the customer and the agent both stated' : 'stated in the conversation'}.`,
      );
    }
    const creditRule = policy.offers.find((o) => o.kind === 'credit');
    const owed = sized.overcharge;
    if (problem === 'billing_error' && owed !== undefined && creditRule !== undefined) {
      const top = capFor(creditRule, 'supervisor', ctx);
      if (owed > top) {
        reasons.push(
          `Credit capped at a supervisor's limit (${money(top, creditCurrency(ctx))}): the remaining ${money(round2(owed - top), creditCurrency(ctx))} goes back as a refund.`,
        );
      }
    }
    if (sized.currency !== undefined) {
      reasons.push(
        `A credit is given in ${sized.currency}, the customer's currency; the budget and limits (in ${policy.currency}) count it at face value, with no exchange rate.`,
      );
    }
  }

  // The first fitting kind the catalogue holds and a supervisor can give.
  let chosen: Sized | null = null;
  let chosenRule: GoodwillOfferRule | undefined;
  const candidates: { rule: GoodwillOfferRule; sized: Sized }[] = [];
  for (const kind of kinds) {
    const rule = policy.offers.find((o) => o.kind === kind);
    if (rule === undefined) continue;
    const sized = sizeKind(rule, intensity, ctx);
    if ('skip' in sized) {
      if (chosen === null) reasons.push(sized.skip);
      continue;
    }
    candidates.push({ rule, sized });
    if (chosen === null) {
      chosen = sized;
      chosenRule = rule;
    }
  }
  if (chosen === null || chosenRule === undefined) {
    return none([...reasons, 'No offer in the catalogue fits this problem within the limits.']);
  }
  if (chosen.kind !== kinds[0]) {
    reasons.push(
      `The best fit (${KIND_WORDS[kinds[0] ?? chosen.kind]}) is not available: ${KIND_WORDS[chosen.kind]} instead.`,
    );
  }

  const offer = toOffer(chosen, ctx);
  const cap = capFor(chosenRule, options.role, ctx);
  const overLimit = chosen.value > cap;
  const overBudget = offer.currencyValue > budgetRemaining;
  if (!overLimit && !overBudget) {
    reasons.push(`Within ${ROLE_WORDS[options.role]} limit and this month's budget.`);
    return { ...base, offer, value: offer.currencyValue, reasons };
  }

  if (overLimit) {
    const limitText = label(chosen.kind, cap, ctx);
    reasons.push(
      `Above ${ROLE_WORDS[options.role]} limit (${limitText}): needs a supervisor's approval.`,
    );
  }
  if (overBudget) {
    reasons.push(
      budgetRemaining <= 0
        ? `This month's goodwill budget of ${money(policy.monthlyBudget, policy.currency)} is exhausted: needs an admin's approval.`
        : `Only ${money(budgetRemaining, policy.currency)} left of this month's goodwill budget: needs an admin's approval.`,
    );
  }
  let withinLimit: GoodwillOffer | null = null;
  for (const { rule, sized } of candidates) {
    const fit = fitWithin(sized, capFor(rule, options.role, ctx), budgetRemaining, ctx);
    if (fit !== null) {
      withinLimit = toOffer(fit, ctx);
      break;
    }
  }
  reasons.push(
    withinLimit === null
      ? `Nothing fitting can be offered without approval.`
      : `Without approval: ${withinLimit.label}.`,
  );
  return {
    ...base,
    offer,
    value: offer.currencyValue,
    needsApproval: true,
    approver: overBudget ? 'admin' : 'supervisor',
    withinLimit,
    reasons,
  };
}

// --- Checking a proposed offer ----------------------------------------------------------------

/**
 * What the policy says of an offer a person proposes: what it is worth, and who may grant it.
 *
 * @example
 * const c: GoodwillCheck = {
 *   allowed: true, offer: { kind: 'credit', value: 50, unit: 'currency', label: '50 USD account credit', currencyValue: 50 },
 *   needsApproval: true, approver: 'supervisor', reasons: ["50 USD account credit is above an agent's limit of 20."],
 * };
 */
export type GoodwillCheck =
  | {
      /** The catalogue holds this kind and someone may grant this much. */
      allowed: true;
      offer: GoodwillOffer;
      /** True when the proposer's role may not grant it alone. */
      needsApproval: boolean;
      /** Who must approve: a supervisor above the proposer's limit, an admin above the budget. */
      approver: 'supervisor' | 'admin' | null;
      reasons: string[];
    }
  | { allowed: false; reasons: string[] };

/**
 * Checks an offer a person proposes (rather than one `suggestGoodwill` sized) against the
 * policy: its kind must be in the catalogue and its value positive and no larger than an admin
 * may give; above the proposer's own limit a supervisor must approve, above a supervisor's
 * limit or the month's remaining budget an admin must.
 *
 * @example
 * checkGoodwillOffer('credit', 50, { role: 'agent' }, { lifetimeValue: 300 }, DEFAULT_GOODWILL_POLICY);
 * // { allowed: true, needsApproval: true, approver: 'supervisor', offer: { label: '50 USD account credit', ... } }
 * checkGoodwillOffer('credit', 10, { role: 'agent' }, { lifetimeValue: 300 }, DEFAULT_GOODWILL_POLICY).needsApproval; // false
 */
export function checkGoodwillOffer(
  kind: GoodwillKind,
  value: number,
  options: SuggestGoodwillOptions,
  customer: GoodwillCustomer,
  policy: GoodwillPolicy,
): GoodwillCheck {
  const rule = policy.offers.find((o) => o.kind === kind);
  if (rule === undefined) {
    return { allowed: false, reasons: [`The team's policy does not offer ${KIND_WORDS[kind]}.`] };
  }
  if (!Number.isFinite(value) || value <= 0) {
    return { allowed: false, reasons: ['An offer needs a value above zero.'] };
  }
  const ctx: Context = { policy, customer, options };
  const offer = toOffer({ kind, value, need: value }, ctx);
  const adminCap = capFor(rule, 'admin', ctx);
  if (value > adminCap) {
    return {
      allowed: false,
      reasons: [`${offer.label} is above what even an admin may offer (${adminCap}).`],
    };
  }
  const budgetRemaining = Math.max(0, policy.monthlyBudget - policy.spentThisMonth);
  const role = options.role;
  const overBudget = offer.currencyValue > budgetRemaining + 1e-9;
  const overOwn = value > capFor(rule, role, ctx);
  const overSupervisor = value > capFor(rule, 'supervisor', ctx);
  const reasons: string[] = [];
  let approver: 'supervisor' | 'admin' | null = null;
  if (overBudget) {
    approver = 'admin';
    reasons.push(
      `${offer.label} (${money(offer.currencyValue, policy.currency)}) is above the ${money(round2(budgetRemaining), policy.currency)} left in the month's budget.`,
    );
  }
  if (overOwn) {
    approver = overSupervisor ? 'admin' : (approver ?? 'supervisor');
    reasons.push(`${offer.label} is above ${ROLE_WORDS[role]} limit.`);
  }
  // An admin owns the limits and the budget: their own offers need no one else.
  if (role === 'admin') approver = null;
  const needsApproval = approver !== null;
  if (!needsApproval) reasons.push(`${offer.label} is within ${ROLE_WORDS[role]} limit.`);
  return { allowed: true, offer, needsApproval, approver, reasons };
}
