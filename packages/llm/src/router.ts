import { complexityOf, type Complexity } from './complexity';
import type { AnswerProvider } from './types';

// Which providers to try, in order. Easy questions: local → cloud → composer; hard ones
// (score at or above the threshold): cloud → local → composer. Past the tenant's daily budget
// the cloud model is left out. The composer always ends the list, so there is always an answer.

export interface RouteInput {
  question: string;
  toolsNeeded: number;
  local?: AnswerProvider;
  cloud?: AnswerProvider;
  composer: AnswerProvider;
  cloudThreshold: number;
  /** Spent today by this tenant, and its daily budget (USD). */
  spentToday: number;
  dailyBudget: number;
}

export interface Route {
  complexity: Complexity;
  chain: AnswerProvider[];
  reason: string;
}

export function route(input: RouteInput): Route {
  const complexity = complexityOf(input.question, input.toolsNeeded);
  const overBudget = input.spentToday >= input.dailyBudget;
  const cloud = overBudget ? undefined : input.cloud;
  const hard = complexity.score >= input.cloudThreshold;
  const models = (hard ? [cloud, input.local] : [input.local, cloud]).filter((p): p is AnswerProvider => !!p);
  const reason = !input.local && !input.cloud
    ? 'no model configured'
    : overBudget && input.cloud
      ? `daily budget of $${input.dailyBudget.toFixed(2)} reached: cloud model skipped`
      : `complexity ${complexity.score} ${hard ? '≥' : '<'} ${input.cloudThreshold}: ${hard ? 'cloud' : 'local'} first`;
  return { complexity, chain: [...models, input.composer], reason };
}
