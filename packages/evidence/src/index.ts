// Public entry points of the evidence engine: pure functions from data to results with summaries.
export { EvidenceInputError } from './errors';
export { ols, regress, type RegressionResult, type Coefficient, type OlsOptions, type RegressOptions, type CovarianceType } from './regression';
export { logisticRegression, type LogisticResult, type LogisticOptions } from './logistic';
export { grangerTest, type GrangerResult } from './granger';
export { grangerAnalysis, type GrangerAnalysis, type GrangerAnalysisOptions, type GrangerDirection, type LagCriterion } from './granger-analysis';
export { adfTest, kpssTest, checkStationarity, type StationarityTest, type StationarityVerdict } from './stationarity';
export { propensityMatch, type PropensityMatchOptions, type PropensityMatchResult, type EffectEstimate } from './psm';
export type { CovariateBalance } from './balance';
export { refute, type Refutation, type RefutationReport, type RefuteOptions, type Perturbations } from './refute';
export { differenceInDifferences, type DidOptions, type DidResult } from './did';
export { eventStudy, type EventStudyOptions, type EventStudyResult, type EventTimeEffect } from './event-study';
export type { PanelObservation } from './panel';
export { beforeAfter, type BeforeAfterOptions, type BeforeAfterResult } from './its';
export { decomposeProduct, decomposeBySegment, type Decomposition, type Contribution, type FactorChange, type SegmentChange } from './drivers';
export { learnCausalGraph, simulate, type CausalGraph, type CausalEdge, type LearnGraphOptions, type SimulationOptions, type SimulationResult } from './graph';
export type { InterventionEffect, StoredModel, StructuralEquation } from './sem';
export { seededRandom } from './random';
