import { createFunction } from '@dyocense/core';
import { registerArchive } from './routes/archive';
import { registerCreate } from './routes/create';
import { registerDetail } from './routes/detail';
import { registerList } from './routes/list';
import { registerMilestones } from './routes/milestones';
import { registerSuggest } from './routes/suggest';
import { registerUpdate } from './routes/update';
import { registerValidate } from './routes/validate';

/** SMART goals: validation that explains itself, lifecycle, milestones, live progress: /api/goals/… */
const app = createFunction('goals');
registerValidate(app);
registerSuggest(app);
registerList(app);
registerCreate(app);
registerDetail(app);
registerUpdate(app);
registerArchive(app);
registerMilestones(app);

export default app;
