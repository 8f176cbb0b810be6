/** What `calmdesk eval --task` measures. Apart from eval.ts so that the command line can list
 * them without loading the lexicon tools. */
export const EVAL_TASKS = ['upset', 'abuse', 'impolite'] as const;
export type EvalTask = (typeof EVAL_TASKS)[number];
