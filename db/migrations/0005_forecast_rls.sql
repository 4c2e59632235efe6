-- Forecasts: RLS on both tenant tables.
SELECT app_enable_tenant_rls('forecasts');
--> statement-breakpoint
SELECT app_enable_tenant_rls('forecast_models');
