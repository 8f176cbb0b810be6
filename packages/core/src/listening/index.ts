export {
  checkListening,
  findOpenQuestion,
  type ListeningFinding,
  type ListeningFindingKind,
  type ListeningResult,
} from './check-listening.js';
export {
  readCustomerMessages,
  type AskKind,
  type CustomerAsk,
  type CustomerFact,
  type CustomerLacks,
  type FactKind,
} from './read-asks.js';
