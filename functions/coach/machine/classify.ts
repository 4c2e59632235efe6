import { withTenant } from '@dyocense/core';
import { loadCatalog } from '@dyocense/metrics';
import { classify } from './classify-rules';
import type { CoachNode } from './node';

/** Classify: the intent and what the question names (metric, week, day). */
export const classifyNode: CoachNode = {
  name: 'classify',
  status: 'Reading your question',
  async run(state, deps) {
    const catalog = await withTenant(deps.runtime.db, deps.tenantId, loadCatalog);
    const { intent, entities } = classify(state.question, [...catalog.keys()]);
    state.intent = intent;
    state.entities = entities;
    return { input: { question: state.question }, output: { intent, entities } };
  },
};
