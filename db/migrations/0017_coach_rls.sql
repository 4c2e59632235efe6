-- Coach: RLS on every coach table; question embeddings as pgvector where the server has it.
SELECT app_enable_tenant_rls('coaching_sessions');
--> statement-breakpoint
SELECT app_enable_tenant_rls('coaching_turns');
--> statement-breakpoint
SELECT app_enable_tenant_rls('agent_executions');
--> statement-breakpoint
SELECT app_enable_tenant_rls('llm_usage');
--> statement-breakpoint
SELECT app_enable_tenant_rls('llm_cache');
--> statement-breakpoint
-- With pgvector (enabled by 0001 when available) the embedding becomes vector(384) with an
-- HNSW cosine index; without it, it stays real[] and similar questions are scored in the app.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') THEN
    EXECUTE 'ALTER TABLE coaching_turns ALTER COLUMN embedding TYPE vector(384) USING embedding::vector(384)';
    EXECUTE 'CREATE INDEX coaching_turns_embedding_hnsw ON coaching_turns USING hnsw (embedding vector_cosine_ops)';
  END IF;
END $$;
