// Turning an optimize request into the engine's filled input from the tenant's saved settings and
// own data (stored forecasts, history, stock counts): shared by every caller that asks for a plan.
export { planInput, type PlannedInput, type PlanRequests } from './plan-input';
export { checkSize, validateForEngine } from './validate';
export { findConstraints, type ConstraintsRow } from './reads';
export { addDays, DAY_NAMES, dayNamesFrom, todayUtc, weekdayOf, type DayName } from './logic/dates';
export {
  BudgetRequest,
  BudgetSettings,
  Channel,
  DemandSource,
  Employee,
  InventoryRequest,
  InventorySettings,
  PricingRequest,
  PricingSettings,
  Product,
  settingsSchemas,
  SkuItem,
  StaffingRequest,
  StaffingSettings,
  StaffRole,
} from './requests';
