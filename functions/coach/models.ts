import type { Config } from '@dyocense/core';
import { composer, hashedEmbedder, ollamaEmbedder, ollamaProvider, openaiEmbedder, openaiProvider, EMBEDDING_DIMENSIONS, type AnswerProvider, type Embedder } from '@dyocense/llm';

/** The coach's models as configured: none by default (the composer answers, n-grams embed). */
export interface Models {
  local?: AnswerProvider;
  cloud?: AnswerProvider;
  composer: AnswerProvider;
  embedder: Embedder;
  timeoutMs: number;
  cloudThreshold: number;
  dailyBudgetUsd: number;
  cacheTtlSeconds: number;
}

const built = new WeakMap<Config, Models>();

export function modelsFor(config: Config): Models {
  let models = built.get(config);
  if (models) return models;
  const local = config.LLM_LOCAL_URL ? ollamaProvider({ host: config.LLM_LOCAL_URL, model: config.LLM_LOCAL_MODEL }) : undefined;
  const cloud = config.LLM_CLOUD_URL
    ? openaiProvider({ baseURL: config.LLM_CLOUD_URL, apiKey: config.LLM_CLOUD_KEY ?? 'none', model: config.LLM_CLOUD_MODEL })
    : undefined;
  let embedder: Embedder = hashedEmbedder;
  if (config.LLM_EMBED_MODEL && config.LLM_LOCAL_URL) {
    embedder = ollamaEmbedder({ host: config.LLM_LOCAL_URL, model: config.LLM_EMBED_MODEL, dimensions: EMBEDDING_DIMENSIONS });
  } else if (config.LLM_EMBED_MODEL && config.LLM_CLOUD_URL) {
    embedder = openaiEmbedder({ baseURL: config.LLM_CLOUD_URL, apiKey: config.LLM_CLOUD_KEY ?? 'none', model: config.LLM_EMBED_MODEL, dimensions: EMBEDDING_DIMENSIONS });
  }
  models = {
    local,
    cloud,
    composer,
    embedder,
    timeoutMs: config.LLM_TIMEOUT_MS,
    cloudThreshold: config.LLM_CLOUD_THRESHOLD,
    dailyBudgetUsd: config.LLM_DAILY_BUDGET_USD,
    cacheTtlSeconds: config.LLM_CACHE_TTL_SECONDS,
  };
  built.set(config, models);
  return models;
}
