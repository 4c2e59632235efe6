// @dyocense/optimizer: inventory, staffing, budget and pricing plans from an LP/MILP solver,
// plus the modelling layer they are built on. Pure: no I/O.
export { OptimizerInputError, type InputIssue } from './errors';

export { ModelBuilder, evaluate, type LinearModel, type VariableSpec, type ConstraintSpec, type Term, type LinearExpr, type Variable, type VarKind, type Sense } from './model';
export { linearModelSchema, solveOptionsSchema, MODEL_LIMITS } from './model-schema';
export { solveModel, SELECTION, type SolveOptions, type ModelSolution, type SolveAttempt } from './solve';
export type { EngineName, SolveStatus, SolverEngine } from './engines/types';
export { loadHighs } from './engines/highs';
export { toCplexLp } from './lp-format';
export { diagnoseInfeasibility, type Diagnosis, type Conflict } from './diagnose';
export type { ResultBase, BindingConstraint, SolverInfo } from './result';
export { forecastSchema, type ForecastQuantiles } from './scenarios';

export { solveInventory, buildInventoryModel, type InventoryResult, type InventoryOrder } from './inventory';
export { inventoryInputSchema, INVENTORY_LIMITS, type InventoryInput } from './inventory-schema';
export { solveStaffing, buildStaffingModel, type StaffingResult, type PlanEvaluation } from './staffing';
export { staffingInputSchema, STAFFING_LIMITS, type StaffingInput } from './staffing-schema';
export { solveBudget, buildBudgetModel, type BudgetResult, type BudgetAllocation } from './budget';
export { budgetInputSchema, BUDGET_LIMITS, type BudgetInput } from './budget-schema';
export { solvePricing, buildPricingModel, type PricingResult, type PriceDecision } from './pricing';
export { pricingInputSchema, PRICING_LIMITS, type PricingInput } from './pricing-schema';
