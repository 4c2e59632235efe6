// Shapes shared by every provider: what a tool result says (cards of findings with their
// citation), what a model is asked, and what comes back.

/** How a number is shown; the composer and the citation checker read numbers the same way. */
export type NumberFormat = 'money' | 'count' | 'percent' | 'decimal' | 'hours' | 'units';

export interface FactValue {
  value: number;
  format: NumberFormat;
  /** Digits after the decimal point (default per format). */
  digits?: number;
}

/** One sentence of a tool's result: a template with {named} numbers, so the numbers stay data. */
export interface Finding {
  template: string;
  values?: Record<string, FactValue>;
}

export type CitationKind = 'forecast' | 'optimization_run' | 'causal_estimate' | 'metric_query' | 'goal';

/** Where a number comes from: a stored engine result or a query anyone can re-run. */
export interface Citation {
  kind: CitationKind;
  id: string;
  label: string;
}

/** A tool's result as the answer sees it. */
export interface ToolCard {
  tool: string;
  title: string;
  citation: Citation;
  findings: Finding[];
  /** Suggested follow-up actions the client can offer (e.g. a goal draft to create in one click). */
  actions?: { label: string; method: 'POST'; path: string; body: unknown }[];
}

export interface AnswerRequest {
  question: string;
  cards: ToolCard[];
  /** Earlier turns of the same conversation, oldest first. */
  history?: { question: string; answer: string }[];
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface Completion {
  text: string;
  usage: Usage;
  provider: ProviderName;
  model: string;
}

export type ProviderName = 'ollama' | 'openai' | 'composer';
export type Tier = 'local' | 'cloud' | 'composer';

export interface CallOptions {
  signal?: AbortSignal;
  /** Called with each piece of text as the model produces it. */
  onToken?: (text: string) => void;
}

/** A tool a model may ask for, described by JSON Schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface ToolChoice {
  calls: ToolCall[];
  usage: Usage;
  provider: ProviderName;
  model: string;
}

export interface AnswerProvider {
  readonly name: ProviderName;
  readonly tier: Tier;
  readonly model: string;
  answer(req: AnswerRequest, opts?: CallOptions): Promise<Completion>;
  /** Asks the model which tools would answer the question (models only). */
  chooseTools?(question: string, tools: ToolSpec[], opts?: CallOptions): Promise<ToolChoice>;
}

export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[], opts?: CallOptions): Promise<number[][]>;
}

export const EMBEDDING_DIMENSIONS = 384;
