import {
  DEFAULT_CONVERSATION_POLICY,
  GOODWILL_UNITS,
  type ConversationPolicy,
  type GoodwillKind,
} from '@calmdesk/core';
import { z } from 'zod';
import { MAX_TEXT_LENGTH } from './ingest.js';
import {
  ConversationStatus,
  EscalationStatus,
  FollowUpStatus,
  GoodwillStatus,
} from './statuses.js';
import { ROLES } from './roles.js';

/*
 * What the API accepts: the bodies and queries of its routes, checked by these schemas and
 * described by the OpenAPI document built from them.
 */

/** The longest password accepted: hashing is slow on purpose, so a huge one is refused. */
export const MAX_PASSWORD_LENGTH = 200;

export const Text = z
  .string()
  .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
  .refine((t) => t.trim().length > 0, 'must not be empty');
export const Limit = z.coerce.number().int().min(1).max(500).default(50);

/** A comma-separated list of statuses in a query, each checked against the allowed ones. */
export const StatusList = (allowed: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const list = s.split(',').map((x) => x.trim());
      const bad = list.filter((x) => !allowed.includes(x));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown status ${bad.join(', ')}; use ${allowed.join(', ')}`,
        });
        return z.NEVER;
      }
      return list;
    })
    .describe(`Comma-separated: ${allowed.join(', ')}`);

// --- conversations ---------------------------------------------------------------------------

export const ConversationListQuery = z
  .object({
    status: StatusList(ConversationStatus.options),
    assignee: z.string().max(100).optional().describe('"me", "unassigned" or a user id'),
    escalated: z.enum(['true', 'false']).optional(),
    sort: z.enum(['temperature', 'urgency', 'age']).default('urgency'),
    limit: Limit,
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ConversationListQuery = z.input<typeof ConversationListQuery>;

export const ConversationUpdate = z
  .object({
    status: ConversationStatus.optional(),
    assigneeId: z.string().max(100).nullable().optional(),
    snoozedUntil: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
export type ConversationUpdate = z.infer<typeof ConversationUpdate>;

export const CoachRequest = z.object({ draft: z.string().max(MAX_TEXT_LENGTH) }).strict();
export type CoachRequest = z.infer<typeof CoachRequest>;

/** A reply to the customer, or an internal note. */
export const ReplyRequest = z.object({ text: Text }).strict();
export type ReplyRequest = z.infer<typeof ReplyRequest>;

// --- escalations -----------------------------------------------------------------------------

export const EscalationRequest = z
  .object({
    reason: z.string().trim().min(1).max(500).optional(),
    summary: z.string().trim().min(1).max(5000).optional(),
  })
  .strict();
export type EscalationRequest = z.infer<typeof EscalationRequest>;

export const EscalationListQuery = z
  .object({ status: StatusList(EscalationStatus.options), limit: Limit })
  .strict();

/** Accepting, returning or resolving an escalation; approving or rejecting an offer. */
export const DecisionRequest = z.object({ note: z.string().trim().max(2000).optional() }).strict();
export type DecisionRequest = z.infer<typeof DecisionRequest>;

// --- goodwill --------------------------------------------------------------------------------

export const GoodwillKindSchema = z.enum(
  Object.keys(GOODWILL_UNITS) as [GoodwillKind, ...GoodwillKind[]],
);

export const GoodwillSuggestionQuery = z
  .object({ fault: z.enum(['company', 'customer', 'shared', 'unknown']).optional() })
  .strict();

export const GoodwillProposal = z
  .object({
    kind: GoodwillKindSchema,
    value: z.number().positive().max(1_000_000),
    reason: z.string().trim().max(1000).optional(),
    /** A credit in the customer's currency, as the suggestion gave it (else the team's). */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as "GBP"')
      .optional(),
  })
  .strict();
export type GoodwillProposal = z.infer<typeof GoodwillProposal>;

/** Approving an offer: past the month's budget only an admin may, and only by saying so. */
export const GoodwillApproval = DecisionRequest.extend({
  override: z
    .boolean()
    .optional()
    .describe("Admin only: approve even though it takes the month's spending past the budget"),
}).strict();
export type GoodwillApproval = z.infer<typeof GoodwillApproval>;

export const GoodwillListQuery = z
  .object({ status: StatusList(GoodwillStatus.options), limit: Limit })
  .strict();

export const ContactProfile = z
  .object({
    lifetimeValue: z.number().min(0).max(1e9),
    monthlySpend: z.number().min(0).max(1e7).optional(),
    tenureMonths: z.number().int().min(0).max(1200).optional(),
    previousGoodwillThisYear: z.number().min(0).max(1e9).optional(),
    plan: z.string().max(100).optional(),
  })
  .strict();
export type ContactProfile = z.infer<typeof ContactProfile>;

// --- follow-ups ------------------------------------------------------------------------------

export const FollowUpListQuery = z
  .object({
    status: StatusList(FollowUpStatus.options),
    owner: z.string().max(100).optional().describe('"me" or a user id'),
    limit: Limit,
  })
  .strict();

// --- people ----------------------------------------------------------------------------------

const Email = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address');
const Name = z.string().trim().min(1).max(200);
const Password = z.string().min(1).max(MAX_PASSWORD_LENGTH);

export const LoginRequest = z.object({ email: Email, password: Password }).strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SetupRequest = z
  .object({ token: z.string().min(1).max(200), email: Email, name: Name, password: Password })
  .strict();

export const NewUser = z
  .object({ email: Email, name: Name, role: z.enum(ROLES), password: Password })
  .strict();
export type NewUser = z.infer<typeof NewUser>;

export const UserUpdate = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .strict();

export const NewApiToken = z.object({ name: Name }).strict();

// --- policy --------------------------------------------------------------------------------

const CONVERSATION_KEYS = Object.keys(DEFAULT_CONVERSATION_POLICY) as (keyof ConversationPolicy)[];

/** The body of PUT /policy: any part may be left out to keep it as it is. */
export const TeamPolicyPatch = z
  .object({
    conversation: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(`Overrides of the conversation thresholds: ${CONVERSATION_KEYS.join(', ')}`),
    goodwill: z.unknown().optional().describe('The goodwill policy: catalogue, limits, budget'),
    comingDueMinutes: z.number().int().min(1).max(1440).optional(),
  })
  .strict();
export type TeamPolicyPatch = z.infer<typeof TeamPolicyPatch>;

// --- admin -----------------------------------------------------------------------------------

export const AuditQuery = z
  .object({ limit: Limit, before: z.coerce.number().int().min(1).optional() })
  .strict();
export const DeliveriesQuery = z.object({ limit: Limit }).strict();
