/**
 * Calmdesk's core: pure analysis of customer conversations. No I/O, no clock, no environment;
 * runs in Node and in the browser.
 */
export {
  analyzeMessage,
  complaintShare,
  getShippedModel,
  readMessage,
  type AbuseAnalysis,
  type AnalyzeMessageOptions,
  type MessageAnalysis,
  type MessageParts,
  type WeightedSpan,
} from './message/analyze-message.js';
export { temperatureLevel, type TemperatureLevel } from './message/temperature-level.js';
export { detectSignals, countExclamations, countShoutedWords } from './signals/detect-signals.js';
export type { Signal, SignalKind, Span, ThreatKind } from './signals/types.js';
export { SIGNAL_GROUPS, signalGroup, type SignalGroup } from './signals/signal-groups.js';
export {
  EXPERIENCE_KINDS,
  SIGNAL_CATALOGUE,
  SIGNAL_KINDS,
  isSignalKind,
  signalLabel,
  type ExperienceWording,
  type Phrasing,
  type PhraseRule,
  type ProblemKind,
  type SignalCatalogue,
  type SignalRecord,
} from './signals/signal-catalogue.js';
export {
  PROBLEM_CATALOGUE,
  PROBLEM_KINDS,
  isProblemKind,
  type CataloguedGoodwillProblem,
  type GoodwillCase,
  type ProblemRecord,
} from './problems/problem-catalogue.js';
export { TokenBuffer, TokenKind, tokenize, tokenizeInto, type Token } from './text/tokenize.js';
export { hashPair, hashString, hashTerm } from './text/hash.js';
export { detectLanguage, type LanguageGuess } from './language/detect-language.js';
export {
  DENSE_FEATURES,
  MONOTONE_FEATURES,
  createFeatures,
  type DenseFeature,
  extractFeatures,
  type MessageFeatures,
} from './model/features.js';
export {
  ABUSE_EVIDENCE,
  SIGNAL_EVIDENCE,
  combineAbuse,
  combineUpset,
  signalEvidence,
} from './model/signal-evidence.js';
export {
  LinearModel,
  sigmoid,
  type ModelFile,
  type ModelHead,
  type ModelHeader,
} from './model/linear-model.js';
export * from './goodwill/suggest-goodwill.js';
export * from './goodwill/read-amounts.js';
export type {
  ConversationEscalation,
  ConversationMessage,
  MessageRole,
} from './conversation/types.js';
export {
  analyzeConversation,
  DEFAULT_CONVERSATION_POLICY,
  resolvePolicy,
  type AnalyzeConversationOptions,
  type ConversationPolicy,
} from './conversation/analyze-conversation.js';
export type * from './conversation/conversation-analysis.js';
export {
  commitmentReader,
  extractCommitments,
  type Commitment,
  type ExtractCommitmentsOptions,
} from './commitments/extract-commitments.js';
export {
  NEXT_ACTION_WORDS,
  nextActionWord,
  PLAYBOOK_STEP_WORDS,
  playbookStepWord,
} from './conversation/playbook-words.js';
export { detectReplyMoves } from './reply/detect-reply-moves.js';
export type { ReplyMove, ReplyMoveKind } from './reply/types.js';
export {
  coachReply,
  coachRuleWord,
  COACH_RULE_WORDS,
  COACH_STEP_WORDS,
  PENALTIES,
  type DoneStep,
  type CoachFinding,
  type CoachReplyOptions,
  type CoachReplyResult,
  type CoachRewrite,
  type CoachSeverity,
  type CoachStep,
  type MissingStep,
} from './coach/coach-reply.js';
export {
  explainImpoliteness,
  hasImpoliteCue,
  impoliteness,
  type ImpolitenessCue,
  type ImpolitenessExplanation,
} from './coach/impoliteness.js';
export type { DetectReplyMovesOptions } from './reply/detect-reply-moves.js';
export { seededRandom } from './random/seeded-random.js';
export * from './listening/index.js';
